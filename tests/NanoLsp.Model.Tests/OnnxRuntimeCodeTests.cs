using System.Globalization;

namespace NanoLsp.Model.Tests;

public sealed class OnnxRuntimeCodeTests
{
    [Fact]
    public void OnlyTheLibrarysMappingsThatAreNotWritableArePagedOut()
    {
        string[] maps =
        [
            "7f96d7200000-7f96d72d4000 r--p 00000000 fe:00 11657220                   /opt/app/libonnxruntime.so",
            "7f96d72d4000-7f96d8894000 r-xp 000d4000 fe:00 11657220                   /opt/app/libonnxruntime.so",
            "7f96d8df6000-7f96d8dfd000 rw-p 01bf5000 fe:00 11657220                   /opt/app/libonnxruntime.so",
            "7f96d9000000-7f96d9001000 r-xp 00000000 fe:00 11657221                   /opt/app/libonnxruntime.so.1.22.0",
            "7f96da000000-7f96da100000 r-xp 00000000 fe:00 11657222                   /usr/lib/libcoreclr.so",
            "7f96db000000-7f96db100000 r-xp 00000000 fe:00 11657223                   /opt/my libonnxruntime.so dir/other.so",
            "7f96dc000000-7f96dc100000 rw-p 00000000 00:00 0 ",
            "not a mapping line",
        ];

        var mappings = OnnxRuntimeCode.ReadOnlyMappings(maps).ToList();

        Assert.Equal(
            [(0x7f96d7200000L, 0xd4000L), (0x7f96d72d4000L, 0x15c0000L), (0x7f96d9000000L, 0x1000L)],
            mappings);
    }

    [Fact]
    public void AfterALoadMostOfTheLibrarysCodeIsNotResidentAndTheModelGeneratesTheSame()
    {
        if (!OperatingSystem.IsLinux()) return; // the kernel hint and /proc/self/smaps are Linux's
        var options = new GenerationOptions { MaxTokens = 12 };
        using var model = TinyModel.Load();
        var prompt = model.BuildPrompt("public int Add(int a, int b)\n{\n    return ", "\n}\n");
        var before = model.Generate(prompt, options);

        var result = OnnxRuntimeCode.PageOut();
        var (resident, size) = ExecutableMappingKb();

        // Making a session reads about 16 of the library's 22 MB of code (its kernels' registration); inference runs 6-7
        // MB of it, so even with other tests' models running meanwhile, less than half of it is back.
        Assert.True(result.Mappings >= 2, $"mappings advised: {result.Mappings}");
        Assert.Equal(0, result.Refused);
        Assert.True(resident < size / 2, $"{resident} of {size} kB of ONNX Runtime's code resident after paging it out");
        model.PrefixCache.Clear();
        Assert.Equal(before.Tokens.Select(t => t.Id), model.Generate(prompt, options).Tokens.Select(t => t.Id));
    }

    /// <summary>Rss and Size (kB) of the library's executable mapping, from /proc/self/smaps.</summary>
    private static (long Resident, long Size) ExecutableMappingKb()
    {
        long resident = 0, size = 0;
        bool inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0 && fields[0].Contains('-') && !fields[0].EndsWith(':'))
            {
                inside = fields.Length >= 6 && fields[1].Contains('x') && fields[^1].EndsWith(OnnxRuntimeCode.LibraryFileName, StringComparison.Ordinal);
                continue;
            }
            if (!inside || fields.Length < 2) continue;
            if (fields[0] == "Rss:") resident += long.Parse(fields[1], CultureInfo.InvariantCulture);
            else if (fields[0] == "Size:") size += long.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        Assert.True(size > 0, "ONNX Runtime's library is not mapped");
        return (resident, size);
    }
}
