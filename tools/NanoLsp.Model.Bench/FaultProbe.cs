using System.Runtime.CompilerServices;
using NanoLsp.Model;

namespace NanoLsp.Model.Bench;

/// <summary>
/// `NanoLsp.Model.Bench MODEL_DIR --fault-probe`: runs the model, then dereferences null through an interface on
/// every thread-pool thread and on the model's own thread, and says how many of those became a
/// NullReferenceException. A process that dies here (exit 139) is the server's old crash: on CPUs with AMX a thread
/// that had run ONNX Runtime could not survive a null dereference (docs/architecture.md, "Threading and
/// cancellation"). tests/NanoLsp.Model.Tests/ModelThreadTests.cs runs it as a child process, as the server is one.
/// </summary>
public static class FaultProbe
{
    private interface IProbe
    {
        int Touch();
    }

    private sealed class Probe : IProbe
    {
        public int Touch() => 1;
    }

    private sealed class OtherProbe : IProbe
    {
        public int Touch() => 2;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Touch(IProbe? probe) => probe!.Touch();

    private static bool ThrowsNullReference()
    {
        try
        {
            Touch(null);
            return false;
        }
        catch (NullReferenceException)
        {
            return true;
        }
    }

    public static int Run(string directory)
    {
        // A call site that has seen two types dispatches through the runtime's resolve stub, where the crash was.
        for (int i = 0; i < 1000; i++)
            Touch(i % 2 == 0 ? new Probe() : new OtherProbe());
        using var model = LanguageModel.Load(directory);
        var prompt = model.BuildPrompt("public class A { public int Count(int[] xs) { return xs.", "; } }");
        for (int i = 0; i < 3; i++)
            model.Generate(prompt, new GenerationOptions());
        int onPool = Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(ThrowsNullReference))).GetAwaiter().GetResult().Count(caught => caught);
        Console.WriteLine($"thread pool: {onPool} of 200 null dereferences caught");
        bool onModelThread = model.OnModelThreadAsync(ThrowsNullReference).GetAwaiter().GetResult();
        Console.WriteLine($"model thread: {(onModelThread ? 1 : 0)} of 1 caught");
        model.Generate(prompt, new GenerationOptions { MaxTokens = 4 });
        Console.WriteLine("the model still runs");
        return onPool == 200 && onModelThread ? 0 : 1;
    }
}
