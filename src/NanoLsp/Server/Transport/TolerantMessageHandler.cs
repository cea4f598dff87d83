using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using Nerdbank.Streams;
using NanoLsp.Protocol;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using StreamJsonRpc.Reflection;

namespace NanoLsp.Server.Transport;

/// <summary>
/// StreamJsonRpc's message handler for LSP's Content-Length frames, plugged in through its documented
/// extension point (<see cref="MessageHandlerBase"/>). HeaderDelimitedMessageHandler ends the connection on
/// the first bad header or unreadable body; this one answers such a frame (ParseError / InvalidRequest, as
/// JSON-RPC asks) and reads the next. A good body is parsed once, by the formatter, straight from the frame.
/// </summary>
public sealed class TolerantMessageHandler : MessageHandlerBase, IJsonRpcMessageBufferManager
{
    private static readonly byte[] ContentLength = "Content-Length: "u8.ToArray();
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();

    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly FrameReader _frames;
    private readonly Action<string> _log;

    /// <summary>Ids of the requests this server sent and the client has not answered yet. StreamJsonRpc ends the
    /// whole connection on a response to no request (RemoteProtocolViolation); such a response is dropped here
    /// instead (found by the fuzzer).</summary>
    private readonly ConcurrentDictionary<RequestId, byte> _awaitingResponse = new();

    /// <summary>The body of the message being written: its length goes in the header, before it. Pooled and reused.</summary>
    private readonly Sequence<byte> _body = new(ArrayPool<byte>.Shared);

    public TolerantMessageHandler(Stream input, Stream output, IJsonRpcMessageFormatter formatter, Action<string> log)
        : base(formatter)
    {
        // The streams belong to the caller (stdin/stdout): completing the pipes must not close them.
        _input = PipeReader.Create(input, new StreamPipeReaderOptions(leaveOpen: true));
        _output = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        _frames = new FrameReader(_input);
        _log = log;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
    {
        while (await _frames.ReadAsync(cancellationToken).ConfigureAwait(false) is { } frame)
        {
            RejectedMessage? rejected;
            if (frame.HeaderError is not null)
            {
                _log($"Bad frame header: {frame.HeaderError}");
                rejected = new RejectedMessage(LspErrorCodes.ParseError, $"Parse error: {frame.HeaderError}", RequestId.Null);
            }
            else
            {
                rejected = MessageValidator.Read(Formatter, frame.Body!, out var message);
                if (rejected is null && message is IJsonRpcMessageWithId { RequestId: var id } and (JsonRpcResult or JsonRpcError)
                    && !_awaitingResponse.TryRemove(id, out _))
                {
                    _log($"Ignored a response to no request of this server (id {id}).");
                    (message as IJsonRpcMessageBufferManager)?.DeserializationComplete(message);
                    continue;
                }
                if (rejected is null)
                    return message;
                _log(rejected.Message);
            }
            // Through the base class's WriteAsync, so the answer takes the same send lock as StreamJsonRpc's
            // own messages and the frames never interleave.
            await WriteAsync(Answer(rejected), cancellationToken).ConfigureAwait(false);
        }
        return null;
    }

    private static JsonRpcError Answer(RejectedMessage rejected) => new()
    {
        RequestId = rejected.Id,
        Error = new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)rejected.Code, Message = rejected.Message },
    };

    /// <summary>
    /// Our frames carry their own byte array, so nothing of the input pipe is held; this lets the formatter
    /// free the JsonDocument behind the message (JsonRpc calls it before the next read).
    /// </summary>
    void IJsonRpcMessageBufferManager.DeserializationComplete(JsonRpcMessage message) =>
        (message as IJsonRpcMessageBufferManager)?.DeserializationComplete(message);

    /// <summary>Called under the base class's send lock, one message at a time.</summary>
    protected override ValueTask WriteCoreAsync(JsonRpcMessage content, CancellationToken cancellationToken)
    {
        if (content is JsonRpcRequest { IsResponseExpected: true } request)
            _awaitingResponse.TryAdd(request.RequestId, 0);
        try
        {
            Formatter.Serialize(_body, content);
            (Formatter as IJsonRpcFormatterTracingCallbacks)?.OnSerializationComplete(content, _body);
            var header = _output.GetSpan(ContentLength.Length + 20 + HeaderEnd.Length);
            ContentLength.CopyTo(header);
            Utf8Formatter.TryFormat(_body.Length, header[ContentLength.Length..], out var digits);
            HeaderEnd.CopyTo(header[(ContentLength.Length + digits)..]);
            _output.Advance(ContentLength.Length + digits + HeaderEnd.Length);
            foreach (var segment in _body.AsReadOnlySequence)
                _output.Write(segment.Span);
        }
        finally
        {
            _body.Reset();
        }
        return default;
    }

    protected override async ValueTask FlushAsync(CancellationToken cancellationToken) =>
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);

    protected override void DisposeReader()
    {
        _input.Complete();
        base.DisposeReader();
    }

    protected override void DisposeWriter()
    {
        _output.Complete();
        _body.Dispose();
        base.DisposeWriter();
    }
}
