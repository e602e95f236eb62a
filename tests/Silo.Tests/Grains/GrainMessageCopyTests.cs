using CommandCenter.Grains;
using CommandCenter.Model;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace CommandCenter.Silo.Tests.Grains;

/// <summary>
/// Orleans copies every argument and answer of a call between grains on one silo unless its type is immutable. The domain's
/// records travel as JSON, so a copy is a JSON round trip: the messages sent thousands of times a second (a grid's report to
/// its community, a grain's part of a capture) are built fresh and marked [Immutable], and must not be copied.
/// </summary>
public sealed class GrainMessageCopyTests
{
    private static DeepCopier Copier()
    {
        var services = new ServiceCollection();
        services.AddCountyGrainSerialization();
        return services.BuildServiceProvider().GetRequiredService<DeepCopier>();
    }

    [Fact]
    public void Reports_and_captures_pass_between_grains_without_a_copy()
    {
        var copier = Copier();
        var report = new AreaReport("g-1", [1, 2, 3], null, 7);
        Assert.Same(report, copier.Copy(report));
        var capture = new GridCapture(new GridState("g-1", new GrainOptions()).ToState(), true, 5, 5, 9);
        Assert.Same(capture, copier.Copy(capture));
    }

    [Fact]
    public void A_mutable_domain_record_is_still_copied()
    {
        // the control: without [Immutable] the JSON copier makes a new, equal object
        var copier = Copier();
        var state = new GridState("g-1", new GrainOptions()).ToState();
        var copy = copier.Copy(state);
        Assert.NotSame(state, copy);
        Assert.Equal(state.Code, copy.Code);
    }
}
