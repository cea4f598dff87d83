using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NanoLsp.Model;
using NanoLsp.Serve;

// nanolsp-serve: the nano model over the OpenAI-compatible API (docs/remote-backends.md). stdout carries one line,
// "listening on http://HOST:PORT", once the port is bound (a test or a script reads it); everything else is stderr.

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(ServeOptions.Usage);
    return 0;
}

ServeOptions options;
try
{
    options = ServeOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"nanolsp-serve: {e.Message}");
    Console.Error.WriteLine(ServeOptions.Usage);
    return 2;
}

string? apiKey = Environment.GetEnvironmentVariable(options.ApiKeyVariable) is { Length: > 0 } key ? key : null;
if (!ServeOptions.IsLoopback(options.Host) && apiKey is null)
    Console.Error.WriteLine($"nanolsp-serve: WARNING: listening on {options.Host}, reachable from other machines, and no API key is set " +
                            $"({options.ApiKeyVariable} is empty): anyone who reaches this port can use the model.");

ModelPool pool;
try
{
    string directory = ModelLocator.Locate(options.ModelDirectory);
    pool = new ModelPool(directory, options.Parallel);
    Console.Error.WriteLine($"nanolsp-serve: model {pool.Manifest.Name} from {directory}, {pool.Count} instance(s), loaded in {pool.LoadTime.TotalMilliseconds:0} ms.");
}
catch (ModelException e)
{
    Console.Error.WriteLine($"nanolsp-serve: no model: {e.Message}");
    return 3;
}

using (pool)
{
    var app = ServeApp.Build(options, pool, apiKey);
    try
    {
        await app.StartAsync();
    }
    catch (IOException e)
    {
        Console.Error.WriteLine($"nanolsp-serve: cannot listen on {options.Host}:{options.Port}: {e.Message}");
        return 4;
    }
    foreach (string address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses)
        Console.WriteLine($"listening on {address}");
    Console.Out.Flush();
    await app.WaitForShutdownAsync();
    await app.DisposeAsync();
}
return 0;
