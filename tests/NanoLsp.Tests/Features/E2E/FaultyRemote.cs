using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NanoLsp.Tests.Features.E2E;

/// <summary>
/// A fault in front of a real nanolsp-serve: an HTTP listener on a free loopback port that forwards to the server
/// (<see cref="Fault.None"/>) or answers as a broken one would: slowly, with a 500, with a body that is not JSON.
/// It stands for the failures a real server cannot be asked to make; the happy path, the wrong key and the unknown model
/// go to the real server itself. <see cref="Fault.Held"/> forwards each request once the test releases it: the test
/// kills the real server while the language server's request is on its way (a dead server's connection is reset).
/// </summary>
public sealed class FaultyRemote : IAsyncDisposable
{
    public enum Fault { None, Slow, ServerError, MalformedJson, Held }

    private readonly HttpListener _listener = new();
    private readonly HttpClient _forward = new() { Timeout = TimeSpan.FromMinutes(2) };
    private readonly Uri _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>With <see cref="Fault.Held"/>: a request has arrived and waits for <see cref="Release"/>.</summary>
    public Task Arrived => _arrived.Task;

    /// <summary>With <see cref="Fault.Held"/>: forwards the held requests and every later one.</summary>
    public void Release() => _released.TrySetResult();

    public FaultyRemote(Uri target, Fault fault)
    {
        (_target, Mode) = (target, fault);
        int port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/v1/");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Fault Mode { get; set; }

    public Uri BaseUrl { get; }

    /// <summary>How many requests reached it (a remote whose circuit is open is not asked).</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            switch (Mode)
            {
                case Fault.Slow:
                    await Task.Delay(TimeSpan.FromSeconds(20), _stop.Token);
                    await ForwardAsync(context);
                    break;
                case Fault.ServerError:
                    await WriteAsync(response, 500, """{"error": {"message": "the GPU fell over", "type": "server_error"}}""");
                    break;
                case Fault.MalformedJson:
                    await WriteAsync(response, 200, """{"id": "cmpl-1", "choices": [{"text": "Capac""");
                    break;
                case Fault.Held:
                    _arrived.TrySetResult();
                    await _released.Task.WaitAsync(_stop.Token);
                    try
                    {
                        await ForwardAsync(context);
                    }
                    catch (HttpRequestException)
                    {
                        response.Abort(); // as the dead server's own connection would end: reset, no answer
                    }
                    break;
                default:
                    await ForwardAsync(context);
                    break;
            }
        }
        catch (Exception)
        {
            // The client left (a lost race, a cancelled keystroke) or the test ended: nothing to answer.
        }
        finally
        {
            try { response.Close(); } catch (Exception) { /* already closed */ }
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_target, context.Request.Url!.PathAndQuery.TrimStart('/')));
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        request.Content = new ByteArrayContent(body.ToArray());
        request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType ?? "application/json");
        if (context.Request.Headers["Authorization"] is { } authorization)
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var answer = await _forward.SendAsync(request, _stop.Token);
        await WriteAsync(context.Response, (int)answer.StatusCode, await answer.Content.ReadAsStringAsync(_stop.Token));
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (Exception) { /* stopped */ }
        _listener.Close();
        _forward.Dispose();
    }
}
