using NanoLsp.Workspace;

namespace NanoLsp.Tests.Workspace;

public class TargetFrameworkPickerTests
{
    [Theory]
    [InlineData("net10.0;net9.0;net8.0;netstandard2.0;net462", 10, "net10.0")]
    [InlineData("netstandard2.0;net8.0;net11.0", 10, "net8.0")]
    [InlineData("netstandard2.0;netstandard2.1", 10, "netstandard2.1")]
    [InlineData("net462;net48", 10, "net48")]
    [InlineData("netcoreapp3.1;netstandard2.0", 10, "netcoreapp3.1")]
    [InlineData("net8.0-windows;net9.0", 10, "net9.0")]
    public void PicksTheNewestFrameworkTheSdkSupports(string frameworks, int sdkMajor, string expected) =>
        Assert.Equal(expected, TargetFrameworkPicker.Pick(frameworks.Split(';'), sdkMajor));

    [Fact]
    public void ReadsTargetFrameworksButNotASingleTargetFramework()
    {
        Assert.Equal(["net10.0", "netstandard2.0"], TargetFrameworkPicker.ReadTargetFrameworks("<PropertyGroup><TargetFrameworks> net10.0;netstandard2.0 </TargetFrameworks></PropertyGroup>"));
        Assert.Empty(TargetFrameworkPicker.ReadTargetFrameworks("<PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>"));
    }

    [Theory]
    [InlineData("MoreLinq(net8.0)", "net8.0")]
    [InlineData("Lib(netstandard2.0)", "netstandard2.0")]
    [InlineData("Lib", null)]
    [InlineData(null, null)]
    public void ReadsTheFrameworkOfAMultiTargetingProjectName(string? name, string? expected) =>
        Assert.Equal(expected, TargetFrameworkPicker.FrameworkOfProjectName(name));
}
