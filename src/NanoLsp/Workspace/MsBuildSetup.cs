using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace NanoLsp.Workspace;

/// <summary>Finds the installed .NET SDK's MSBuild, and runs `dotnet restore` (MSBuildWorkspace does not restore).</summary>
public static class MsBuildSetup
{
    private static readonly object Gate = new();
    private static SdkChoice? _choice;

    /// <summary>The SDK whose MSBuild loads projects, and (when global.json pinned a missing one) what to tell the user.</summary>
    public sealed record SdkChoice(VisualStudioInstance Instance, SdkPin? MissingPin)
    {
        public Version Version => Instance.Version;

        public string? Warning => MissingPin is null ? null
            : $"{MissingPin.GlobalJsonPath} pins the .NET SDK {MissingPin.Version} (rollForward {MissingPin.RollForward}), which is not installed; "
              + $"NanoLsp loads the projects with the SDK {Instance.Version} instead. `dotnet build` there fails until that SDK is installed or global.json is changed.";
    }

    /// <summary>
    /// Must run before any MSBuild type is touched: the locator points assembly loading at the SDK.
    /// The caller that loads the workspace is a separate, non-inlined method for that reason.
    /// The SDK is the one global.json at the folder selects (as `dotnet build` there would use); when
    /// it pins an SDK that is not installed, hostfxr refuses, and the newest installed SDK of the
    /// pinned major version (else the newest) is used, with <see cref="SdkChoice.Warning"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static SdkChoice EnsureRegistered(string folder)
    {
        lock (Gate)
        {
            if (_choice is not null)
                return _choice;
            VisualStudioInstance? instance;
            SdkPin? missing = null;
            try
            {
                // The locator lists the SDK global.json resolves to first.
                instance = Query(folder).FirstOrDefault();
            }
            catch (InvalidOperationException) when (SdkPin.Find(folder) is { } pin)
            {
                missing = pin;
                var installed = Query(NeutralFolder()).ToList();
                var version = SdkPin.ChooseFallback(pin.Version, installed.Select(i => i.Version));
                instance = installed.FirstOrDefault(i => i.Version == version);
            }
            if (instance is null)
                throw new InvalidOperationException("No .NET SDK found: install the .NET SDK so NanoLsp can load projects.");
            if (!MSBuildLocator.IsRegistered)
                MSBuildLocator.RegisterInstance(instance);
            if (missing is not null)
                PointChildProcessesAt(instance, missing);
            return _choice = new SdkChoice(instance, missing);
        }
    }

    private static IEnumerable<VisualStudioInstance> Query(string workingDirectory) =>
        MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
        {
            DiscoveryTypes = DiscoveryType.DotNetSdk,
            WorkingDirectory = workingDirectory,
        });

    /// <summary>An empty folder with no global.json above it (the temp folder's), where hostfxr lists every SDK.</summary>
    private static string NeutralFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nanolsp-sdk-query");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The SDK chosen instead of a missing pinned one, for restore (null when global.json is honoured).</summary>
    private static string? _sdkDirectory;

    /// <summary>
    /// Roslyn's build host (a child process) finds its MSBuild through global.json again and would fail
    /// on the same pin. So it gets a dotnet root of its own (DOTNET_ROOT, which MSBuildLocator probes
    /// first): links to the real install's folders, a copy of the dotnet host, and sdk/&lt;pinned version&gt;
    /// linking to the chosen SDK, where hostfxr finds the pinned version. MSBuild's SDK resolver gets the chosen SDK through
    /// its override variables as well. Written in the user's cache, never in the repository.
    /// </summary>
    private static void PointChildProcessesAt(VisualStudioInstance instance, SdkPin pin)
    {
        _sdkDirectory = instance.MSBuildPath;
        Environment.SetEnvironmentVariable("DOTNET_MSBUILD_SDK_RESOLVER_SDKS_DIR", Path.Combine(instance.MSBuildPath, "Sdks"));
        Environment.SetEnvironmentVariable("DOTNET_MSBUILD_SDK_RESOLVER_SDKS_VER", instance.Version.ToString());
        var sdkRoot = Path.GetFullPath(Path.Combine(instance.MSBuildPath, "..", ".."));
        var alias = Path.Combine(UserCache(), "nanolsp", "sdk-alias", $"{pin.Version}-as-{instance.Version}");
        var pinned = Path.Combine(alias, "sdk", pin.Version);
        if (!Directory.Exists(pinned))
        {
            Directory.CreateDirectory(Path.Combine(alias, "sdk"));
            foreach (var entry in Directory.EnumerateFileSystemEntries(sdkRoot))
            {
                var name = Path.GetFileName(entry);
                var link = Path.Combine(alias, name);
                if (name == "sdk" || Path.Exists(link))
                    continue;
                // The locator resolves a linked dotnet to the real install (and its SDK list): copy the small host instead.
                if (name is "dotnet" or "dotnet.exe")
                    File.Copy(entry, link);
                else
                    File.CreateSymbolicLink(link, entry);
            }
            Directory.CreateSymbolicLink(pinned, instance.MSBuildPath.TrimEnd(Path.DirectorySeparatorChar));
        }
        Environment.SetEnvironmentVariable("DOTNET_ROOT", alias);
    }

    // NuGet's retries (six tries a second apart by default), as the user's environment set them when the server started.
    private static readonly string? UserTryCount = Environment.GetEnvironmentVariable("NUGET_ENHANCED_MAX_NETWORK_TRY_COUNT");
    private static readonly string? UserRetryDelay = Environment.GetEnvironmentVariable("NUGET_ENHANCED_NETWORK_RETRY_DELAY_MILLISECONDS");

    /// <summary>
    /// The restores and build hosts a load starts from now on try each package source once (<paramref name="once"/>: no
    /// feed can be found, <see cref="PackageFeeds"/>), or as the user's environment says. Child processes inherit the
    /// server's environment, the build host included; a setting the user made is never changed.
    /// </summary>
    public static void TryFeedsOnce(bool once)
    {
        if (UserTryCount is null)
            Environment.SetEnvironmentVariable("NUGET_ENHANCED_MAX_NETWORK_TRY_COUNT", once ? "1" : null);
        if (UserRetryDelay is null)
            Environment.SetEnvironmentVariable("NUGET_ENHANCED_NETWORK_RETRY_DELAY_MILLISECONDS", once ? "0" : null);
    }

    /// <summary>$XDG_CACHE_HOME, else ~/.cache.</summary>
    public static string UserCache() =>
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");

    /// <summary>The reference assemblies of the running framework's targeting pack (for loose files without MSBuild).</summary>
    public static IReadOnlyList<string> FrameworkReferenceAssemblies() =>
        TargetingPack("Microsoft.NETCore.App.Ref")
        // No targeting pack: the implementation assemblies compile too, with more internals visible.
        ?? ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>ASP.NET Core's reference assemblies (its targeting pack, which the SDK installs beside the framework's); null without it.</summary>
    public static IReadOnlyList<string>? AspNetCoreReferenceAssemblies() => TargetingPack("Microsoft.AspNetCore.App.Ref");

    /// <summary>The newest version of a targeting pack for this runtime's framework, as the SDK's own reference assemblies.</summary>
    private static IReadOnlyList<string>? TargetingPack(string pack)
    {
        // <root>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> <root>/packs/<pack>/<version>/ref/net<major>.0
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", pack);
        var tfm = $"net{Environment.Version.Major}.0";
        if (!Directory.Exists(packs))
            return null;
        var refDir = Directory.GetDirectories(packs)
            .Select(d => Path.Combine(d, "ref", tfm))
            .Where(Directory.Exists)
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
        return refDir is null ? null : Directory.GetFiles(refDir, "*.dll");
    }

    /// <summary>
    /// The design-time restore must not stop at a warning the repository treats as an error (NU1605 downgrades,
    /// NU1603): the packages that resolve are what the editor needs. The user's own build still sees them.
    /// </summary>
    private static readonly string[] RestoreProperties = ["-p:TreatWarningsAsErrors=false", "-p:WarningsAsErrors=", "-p:MSBuildTreatWarningsAsErrors=false"];

    /// <summary>Runs `dotnet restore`; returns null on success or its output on failure (<see cref="RestoreFailures"/> reads it).</summary>
    public static async Task<string?> RestoreAsync(string projectOrSolution, CancellationToken cancellationToken)
    {
        // With a pinned SDK that is missing, `dotnet restore` stops before MSBuild runs; the chosen SDK's
        // own entry point (dotnet exec sdk/X/dotnet.dll) does not consult global.json.
        string[] command = _sdkDirectory is { } sdk ? ["exec", Path.Combine(sdk, "dotnet.dll"), "restore"] : ["restore"];
        var start = new ProcessStartInfo("dotnet", [.. command, projectOrSolution, "--nologo", "-v", "minimal", .. RestoreProperties])
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
        return (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
    }
}
