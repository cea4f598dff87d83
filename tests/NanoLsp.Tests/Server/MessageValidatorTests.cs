using System.Text;
using NanoLsp.Protocol;
using NanoLsp.Server.Transport;

namespace NanoLsp.Tests.Server;

public class MessageValidatorTests
{
    private static RejectedMessage? Validate(string json) => MessageValidator.Validate(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}""")]
    [InlineData("""{"jsonrpc":"2.0","method":"initialized"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":"a","result":null}""")]
    [InlineData("""{"jsonrpc":"2.0","id":3,"error":{"code":1,"message":"x"}}""")]
    public void WellFormedMessagesPass(string json) => Assert.Null(Validate(json));

    [Fact]
    public void InvalidJsonIsAParseErrorWithoutId()
    {
        var rejected = Validate("{\"jsonrpc\":\"2.0\",");
        Assert.Equal(LspErrorCodes.ParseError, rejected!.Code);
        Assert.Null(rejected.Id);
    }

    [Theory]
    [InlineData("""[{"jsonrpc":"2.0","method":"x"}]""")]
    [InlineData("""{"jsonrpc":"1.0","id":5,"method":"x"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":42}""")]
    [InlineData("""{"jsonrpc":"2.0","id":5,"method":"x","params":"text"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":5}""")]
    [InlineData("42")]
    public void MalformedRequestsAreInvalidRequests(string json) =>
        Assert.Equal(LspErrorCodes.InvalidRequest, Validate(json)!.Code);

    [Fact]
    public void InvalidRequestKeepsTheIdSoTheClientCanMatchTheAnswer()
    {
        var rejected = Validate("""{"jsonrpc":"2.0","id":17,"method":"x","params":3}""");
        Assert.Equal(17, rejected!.Id!.Value.GetInt32());
    }
}
