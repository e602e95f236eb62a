using CommandCenter.Events;

namespace CommandCenter.Simulation;

/// <summary>
/// The Poisson process of new alarms: sensors 55%, video analytics 15%, the 12345 hotline 12%, 110 linkage 8%,
/// worker reports 10%; severity I 1%, II 4%, III 20%, IV 75%.
/// </summary>
internal sealed class AlarmArrivals : SimEntity
{
    public override void Fire(ScenarioContext ctx, DateTimeOffset at)
    {
        var alarm = Create(ctx, at);
        if (alarm is not null) alarm.Fire(ctx, at);
        ctx.Schedule(this, at + ctx.NextArrival(ctx.Rates.AlarmsPerSecond));
    }

    public static int RandomSeverity(Random random) => random.NextDouble() switch
    {
        < 0.01 => Severity.I,
        < 0.05 => Severity.II,
        < 0.25 => Severity.III,
        _ => Severity.IV,
    };

    private static AlarmEntity? Create(ScenarioContext ctx, DateTimeOffset at)
    {
        if (ctx.Sampler.Grids.Count == 0) return null;
        var severity = RandomSeverity(ctx.Random);
        var willAck = !ctx.Chance(ctx.Options.UnacknowledgedShare);
        var roll = ctx.Random.NextDouble();

        if (roll < 0.55 && ctx.Sensors.Count > 0)
        {
            var sensor = ctx.Sensors.Random(ctx);
            return new AlarmEntity(ctx.NextAlarmId(), sensor.Kind, severity, sensor.Grid, sensor.Position)
            {
                WillAcknowledge = willAck,
                Note = $"{SimNames.AlarmLabel(sensor.Kind)} {sensor.Id}",
            };
        }
        if (roll >= 0.90 && ctx.Roster.RandomOnDuty(ctx, at) is { } worker)
        {
            return new AlarmEntity(ctx.NextAlarmId(), "worker", severity, worker.Grid, worker.Position)
            {
                WillAcknowledge = willAck,
                WorkerId = worker.Id,
                Note = $"{SimNames.AlarmLabel("worker")} {worker.Name}",
            };
        }
        var kind = roll switch { < 0.70 => "video", < 0.82 => "hotline", < 0.90 => "police_110", _ => "video" };
        var grid = ctx.Sampler.RandomGrid();
        return new AlarmEntity(ctx.NextAlarmId(), kind, severity, grid, ctx.Sampler.PointIn(grid))
        {
            WillAcknowledge = willAck,
            Note = SimNames.AlarmLabel(kind),
        };
    }
}
