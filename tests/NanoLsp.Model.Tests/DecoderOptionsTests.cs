namespace NanoLsp.Model.Tests;

public class DecoderOptionsTests
{
    [Fact]
    public void DefaultThreadCountsFitTheMachine()
    {
        int cores = DecoderOptions.PhysicalCores();
        Assert.InRange(cores, 1, Environment.ProcessorCount);
        var options = new DecoderOptions();
        Assert.InRange(options.PrefillThreads, 1, cores);
        Assert.Equal(1, options.DecodeThreads);
    }
}
