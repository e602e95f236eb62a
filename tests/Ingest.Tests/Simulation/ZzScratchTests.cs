using CommandCenter.Events;
using CommandCenter.Simulation;
using Xunit.Abstractions;
namespace CommandCenter.Ingest.Tests.Simulation;
public sealed class ZzScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Steady()
    {
        var options = new SimulatorOptions { EventsPerSecond = 50, Seed = 7 };
        var start = TestCounty.BeijingNoon;
        var events = TestCounty.Run(TestCounty.Scenario(options), start, TimeSpan.FromHours(12));
        foreach (var g in events.GroupBy(e => (int)(e.OccurredAt!.Value - start).TotalHours))
        {
            var l = g.ToList();
            double S(Func<WireEvent,bool> p) => l.Count(p) / (double)l.Count;
            output.WriteLine($"h{g.Key}: {l.Count/3600.0:0.0}/s ci {S(e=>e.Type==EventType.PatrolCheckIn):P1} al {S(e=>e.Type is EventType.AlarmRaised or EventType.AlarmAcknowledged or EventType.AlarmCleared):P1} ca {S(e=>e.Type==EventType.CaseChanged):P1} dr {S(e=>e.DrillId!=null):P2}");
        }
    }
}
