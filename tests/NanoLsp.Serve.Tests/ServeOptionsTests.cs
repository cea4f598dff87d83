namespace NanoLsp.Serve.Tests;

public sealed class ServeOptionsTests
{
    [Fact]
    public void LoopbackIsTheDefaultAndNeedsNoFlag()
    {
        var options = ServeOptions.Parse([]);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(8080, options.Port);
        Assert.Equal(9000, ServeOptions.Parse(["--http", "localhost:9000"]).Port);
        Assert.Equal("::1", ServeOptions.Parse(["--http", "[::1]:9000"]).Host);
    }

    [Fact]
    public void AnyOtherAddressNeedsAllowRemote()
    {
        Assert.Contains("--allow-remote", Assert.Throws<ArgumentException>(() => ServeOptions.Parse(["--http", "0.0.0.0:8080"])).Message);
        Assert.Throws<ArgumentException>(() => ServeOptions.Parse(["--http", "192.168.1.20:8080"]));
        Assert.Equal("0.0.0.0", ServeOptions.Parse(["--http", "0.0.0.0:8080", "--allow-remote"]).Host);
    }

    [Fact]
    public void MalformedFlagsSayWhatIsWrong()
    {
        Assert.Contains("ADDRESS:PORT", Assert.Throws<ArgumentException>(() => ServeOptions.Parse(["--http", "8080"])).Message);
        Assert.Throws<ArgumentException>(() => ServeOptions.Parse(["--parallel", "0"]));
        Assert.Throws<ArgumentException>(() => ServeOptions.Parse(["--queue"]));
        Assert.Throws<ArgumentException>(() => ServeOptions.Parse(["--api-key", "sk-on-the-command-line"]));
    }
}
