using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;

namespace NanoLsp.Server.Transport;

/// <summary>
/// Sits between the client's byte streams and StreamJsonRpc. Incoming frames are checked and only
/// well-formed ones are passed on; bad ones are answered here. Outgoing frames from StreamJsonRpc are
/// copied to the client whole, under the same lock as those answers, so the two never interleave.
/// </summary>
public sealed class TolerantTransport : IAsyncDisposable
{
    private readonly Stream _clientInput;
    private readonly Stream _clientOutput;
    private readonly Action<string> _log;
    private readonly Pipe _toRpc = new();
    private readonly Pipe _fromRpc = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _inputPump;
    private Task? _outputPump;

    public TolerantTransport(Stream clientInput, Stream clientOutput, Action<string> log)
    {
        _clientInput = clientInput;
        _clientOutput = clientOutput;
        _log = log;
    }

    /// <summary>The side StreamJsonRpc reads from and writes to.</summary>
    public IDuplexPipe RpcSide => new DuplexPipe(_toRpc.Reader, _fromRpc.Writer);

    /// <summary>Completes when the client closes its input.</summary>
    public Task InputCompletion => _inputPump ?? Task.CompletedTask;

    public void Start()
    {
        _inputPump = Task.Run(PumpInputAsync);
        _outputPump = Task.Run(PumpOutputAsync);
    }

    private async Task PumpInputAsync()
    {
        var reader = new FrameReader(PipeReader.Create(_clientInput));
        try
        {
            while (await reader.ReadAsync(_stop.Token).ConfigureAwait(false) is { } frame)
            {
                if (frame.HeaderError is not null)
                {
                    _log($"Bad frame header: {frame.HeaderError}");
                    await WriteErrorAsync(null, Protocol.LspErrorCodes.ParseError, $"Parse error: {frame.HeaderError}").ConfigureAwait(false);
                    continue;
                }
                var rejected = MessageValidator.Validate(frame.Body!);
                if (rejected is not null)
                {
                    _log(rejected.Message);
                    // A response with a bad shape has nobody waiting for an answer; only requests are answered.
                    await WriteErrorAsync(rejected.Id, rejected.Code, rejected.Message).ConfigureAwait(false);
                    continue;
                }
                await WriteFrameAsync(_toRpc.Writer, frame.Body!).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException e)
        {
            _log($"Client input closed: {e.Message}");
        }
        finally
        {
            await _toRpc.Writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    private async Task PumpOutputAsync()
    {
        var reader = new FrameReader(_fromRpc.Reader);
        try
        {
            while (await reader.ReadAsync(_stop.Token).ConfigureAwait(false) is { Body: { } body })
            {
                await _writeLock.WaitAsync(_stop.Token).ConfigureAwait(false);
                try
                {
                    await WriteFrameAsync(_clientOutput, body).ConfigureAwait(false);
                }
                finally
                {
                    _writeLock.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException e)
        {
            _log($"Client output closed: {e.Message}");
        }
    }

    private async Task WriteErrorAsync(JsonElement? id, int code, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["error"] = new Dictionary<string, object> { ["code"] = code, ["message"] = message },
        });
        await _writeLock.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            await WriteFrameAsync(_clientOutput, body).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task WriteFrameAsync(Stream stream, byte[] body)
    {
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await stream.WriteAsync(header).ConfigureAwait(false);
        await stream.WriteAsync(body).ConfigureAwait(false);
        await stream.FlushAsync().ConfigureAwait(false);
    }

    private static async Task WriteFrameAsync(PipeWriter writer, byte[] body)
    {
        writer.Write<byte>(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        writer.Write<byte>(body);
        await writer.FlushAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Let StreamJsonRpc's last frames (the shutdown answer) reach the client before stopping.
        await _fromRpc.Writer.CompleteAsync().ConfigureAwait(false);
        if (_outputPump is not null)
            await Task.WhenAny(_outputPump, Task.Delay(2000)).ConfigureAwait(false);
        _stop.Cancel();
        _stop.Dispose();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
