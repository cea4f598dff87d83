using System.Text;
using NanoLsp.Protocol;
using NanoLsp.Server.Transport;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace NanoLsp.Tests.Server;

/// <summary>
/// Runs bodies through the real SystemTextJsonFormatter, so these pin both what the formatter rejects
/// itself and what <see cref="MessageValidator.Check"/> adds.
/// </summary>
public class MessageValidatorTests
{
    private static RejectedMessage? Read(string json) => Read(json, out _);

    private static RejectedMessage? Read(string json, out JsonRpcMessage? message) =>
        MessageValidator.Read(new SystemTextJsonFormatter(), Encoding.UTF8.GetBytes(json), out message);

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"initialized"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"x","params":[1,2]}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"x","params":null}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"a","result":null}""")]
    [InlineData("""{"jsonrpc":"2.0","id":3,"error":{"code":1,"message":"x"}}""")]
    public void WellFormedMessagesPass(string json)
    {
        Assert.Null(Read(json, out var message));
        Assert.NotNull(message);
    }

    [Fact]
    public void InvalidJsonIsAParseErrorWithoutId()
    {
        var rejected = Read("{\"jsonrpc\":\"2.0\",\"id\":5,");
        Assert.Equal(LspErrorCodes.ParseError, rejected!.Code);
        Assert.True(rejected.Id.IsNull);
    }

    [Theory]
    [InlineData("""[{"jsonrpc":"2.0","method":"x"}]""", "JSON object")]
    [InlineData("42", "JSON object")]
    [InlineData("""{"jsonrpc":"2.0","id":{"a":1},"method":"x"}""", "'id'")]
    [InlineData("""{"jsonrpc":"1.0","id":5,"method":"x"}""", "'jsonrpc'")]
    [InlineData("""{"id":5,"method":"x"}""", "'jsonrpc'")]
    [InlineData("""{"jsonrpc":2,"id":5,"method":"x"}""", "'jsonrpc'")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":42}""", "'method'")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":""}""", "'method'")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":null}""", "'method'")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":"x","params":"text"}""", "'params'")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":"x","params":3}""", "'params'")]
    [InlineData("""{"jsonrpc":"2.0","id":5}""", "not a response")]
    [InlineData("""{"jsonrpc":"2.0","result":1}""", "not a response")]
    [InlineData("""{"jsonrpc":"2.0","id":null,"result":1}""", "not a response")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"error":{"message":"no code"}}""", "could not be read")]
    public void MalformedMessagesAreInvalidRequestsWithTheReason(string json, string reason)
    {
        var rejected = Read(json, out var message);
        Assert.Null(message);
        Assert.Equal(LspErrorCodes.InvalidRequest, rejected!.Code);
        Assert.Contains(reason, rejected.Message);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":17,"method":"x","params":3}""")]
    [InlineData("""{"jsonrpc":"1.0","id":17,"method":"x"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":17,"method":""}""")]
    public void InvalidRequestKeepsTheIdSoTheClientCanMatchTheAnswer(string json) =>
        Assert.Equal(new RequestId(17), Read(json)!.Id);

    [Fact]
    public void StringIdsAreKept() =>
        Assert.Equal(new RequestId("r-1"), Read("""{"jsonrpc":"2.0","id":"r-1","method":7}""")!.Id);
}
