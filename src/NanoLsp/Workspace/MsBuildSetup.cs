using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace NanoLsp.Workspace;

/// <summary>Finds the installed .NET SDK's MSBuild, and runs `dotnet restore` (MSBuildWorkspace does not restore).</summary>
public static class MsBuildSetup
{
    private static readonly object Gate = new();
    private static VisualStudioInstance? _instance;

    /// <summary>
    /// Must run before any MSBuild type is touched: the locator points assembly loading at the SDK.
    /// The caller that loads the workspace is a separate, non-inlined method for that reason.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static VisualStudioInstance EnsureRegistered()
    {
        lock (Gate)
        {
            if (_instance is not null)
                return _instance;
            if (MSBuildLocator.IsRegistered)
                return _instance = MSBuildLocator.QueryVisualStudioInstances().First();
            _instance = MSBuildLocator.QueryVisualStudioInstances().OrderByDescending(i => i.Version).FirstOrDefault()
                ?? throw new InvalidOperationException("No .NET SDK found: install the .NET SDK so NanoLsp can load projects.");
            MSBuildLocator.RegisterInstance(_instance);
            return _instance;
        }
    }

    /// <summary>The reference assemblies of the running framework's targeting pack (for loose files without MSBuild).</summary>
    public static IReadOnlyList<string> FrameworkReferenceAssemblies()
    {
        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> <root>/packs/Microsoft.NETCore.App.Ref/<version>/ref/net<major>.0
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        var tfm = $"net{Environment.Version.Major}.0";
        if (Directory.Exists(packs))
        {
            var refDir = Directory.GetDirectories(packs)
                .Select(d => Path.Combine(d, "ref", tfm))
                .Where(Directory.Exists)
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault();
            if (refDir is not null)
                return Directory.GetFiles(refDir, "*.dll");
        }
        // No targeting pack: the implementation assemblies compile too, with more internals visible.
        return ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Runs `dotnet restore`; returns null on success or the tail of its output on failure.</summary>
    public static async Task<string?> RestoreAsync(string projectOrSolution, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", ["restore", projectOrSolution, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(projectOrSolution)!,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The server itself may run under `dotnet test`/`dotnet run`; their MSBuild settings must not leak into the child.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath" })
            start.Environment.Remove(name);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet restore.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode == 0)
            return null;
        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        return output.Length > 2000 ? output[^2000..] : output;
    }
}
