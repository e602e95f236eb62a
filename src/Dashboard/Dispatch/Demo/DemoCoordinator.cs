using CommandCenter.Events;
using CommandCenter.Ingest;
using CommandCenter.Live;
using CommandCenter.Plans;

namespace CommandCenter.Dispatch.Demo;

/// <summary>
/// The demo county's coordinator (演示调度员): with the simulator on (<c>Demo:Coordinator</c>, default on with it), every
/// <c>Demo:CoordinatorInterval</c> it reads the county and sends what <see cref="DemoPlaybook"/> decides through the same
/// pipeline as the console (source <c>demo</c>), so the wall shows incidents with their plans at work within minutes of
/// starting. Off in tests and wherever real coordinators work.
/// </summary>
public sealed class DemoCoordinator(ILiveCounty county, IEventPipeline pipeline, IPlanLibrary plans, DemoPlaybook playbook, TimeProvider time,
    IConfiguration config, ILogger<DemoCoordinator> log) : BackgroundService
{
    public const string Source = "demo";

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var every = config.GetValue("Demo:CoordinatorInterval", TimeSpan.FromSeconds(20));
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(every, time, ct); }
            catch (OperationCanceledException) { return; }
            try
            {
                var now = time.GetUtcNow();
                var n = 0;
                var batch = await county.ReadAsync(m => playbook.Next(m, plans, now, type => new CountyEvent
                {
                    Id = $"{type.ToWire()}-{now.ToUnixTimeMilliseconds()}-{n++}", Type = type, OccurredAt = now, Source = Source, GridCode = "",
                    Actor = DemoPlaybook.Actor,
                }), ct);
                if (batch.Count == 0) continue;
                var outcomes = await pipeline.SubmitAsync(batch, ct);
                var refused = outcomes.Count(o => o.Status != IngestStatus.Accepted);
                if (refused > 0) log.LogInformation("demo coordinator: {Refused} of {Count} actions not taken ({First})", refused, batch.Count,
                    outcomes.First(o => o.Status != IngestStatus.Accepted).Refusal?.Code);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(ex, "demo coordinator: this round failed; trying again next round");
            }
        }
    }
}
