using System.Runtime.CompilerServices;

namespace NanoLsp.Model.Tests;

/// <summary>
/// A null dereference stays a NullReferenceException after the model has run, on the pool and on the model's own
/// thread. Before the model had its own thread, on this project's machines (Intel CPUs with AMX) the first
/// NullReferenceException on a pool thread that had run the shipped model killed the process with SIGSEGV (exit
/// 139): the runtime's signal handler overflowed that thread's alternate signal stack (docs/architecture.md,
/// "The model thread"). On a CPU without that state the test passes either way.
/// </summary>
public sealed class ModelThreadTests
{
    private interface IProbe
    {
        int Touch();
    }

    private sealed class Probe : IProbe
    {
        public int Touch() => 1;
    }

    // Through an interface, as the analyzer that crashed the soak did (a dispatch stub takes the fault).
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

    [Fact]
    public async Task NullDereferencesStayExceptionsAfterTheShippedModelRuns()
    {
        Assert.Equal(1, Touch(new Probe()));
        using var model = LanguageModel.Load(ModelLocator.Locate());
        var prompt = model.BuildPrompt("public int Count(int[] items)\n{\n    return items.", ";\n}\n");
        var result = await model.GenerateAsync(prompt, new GenerationOptions { MaxTokens = 8 });
        Assert.NotEmpty(result.Tokens);

        // Enough pool work that every pool thread takes some, as the server's analyzers do.
        var onPool = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(ThrowsNullReference)));
        Assert.All(onPool, Assert.True);

        Assert.True(await model.OnModelThreadAsync(ThrowsNullReference));
        // And the model still runs after its thread took one.
        Assert.NotEmpty((await model.GenerateAsync(prompt, new GenerationOptions { MaxTokens = 4 })).Tokens);
    }

    [Fact]
    public async Task WorkRunsInOrderOnOneThreadAndFailuresReachTheCaller()
    {
        using var thread = new ModelThread("test model");
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => thread.RunAsync(() => Environment.CurrentManagedThreadId)));
        Assert.Single(ids.Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, ids[0]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => thread.RunAsync<int>(() => throw new InvalidOperationException("boom")));
        Assert.Equal(ids[0], await thread.RunAsync(() => Environment.CurrentManagedThreadId));
    }
}
