namespace CommandCenter.Hosting;

/// <summary>
/// A cluster starting together waits for its silos before loading the county (<c>Cluster:WaitForSilos</c>, default 1 = no
/// wait; up to <c>Cluster:WaitForSilosTimeout</c>, default 60 s). Loading the county activates every grid grain, and grid
/// grains are placed by a hash over the silos present at that moment: the first silo up would otherwise hold all 2,400
/// grids while the others hold none. A silo joining a running cluster finds the grids active and waits for nothing.
/// </summary>
public sealed class ClusterStartGate(IGrainFactory grains, IConfiguration config, TimeProvider time, ILogger<ClusterStartGate> log)
{
    public async Task WaitAsync(CancellationToken ct)
    {
        var wanted = config.GetValue("Cluster:WaitForSilos", 1);
        if (wanted <= 1) return;
        var deadline = time.GetUtcNow() + config.GetValue("Cluster:WaitForSilosTimeout", TimeSpan.FromSeconds(60));
        var management = grains.GetGrain<IManagementGrain>(0);
        var active = 0;
        while (time.GetUtcNow() < deadline)
        {
            try { active = (await management.GetHosts(onlyActive: true)).Count; }
            catch (Exception ex) when (!ct.IsCancellationRequested) { log.LogDebug("cluster membership not readable yet: {Error}", ex.Message); }
            if (active >= wanted)
            {
                log.LogInformation("{Active} of {Wanted} silos active: loading the county", active, wanted);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
        }
        log.LogWarning("only {Active} of {Wanted} silos active after waiting: loading the county on those", active, wanted);
    }
}
