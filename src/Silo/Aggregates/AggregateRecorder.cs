using SiloStatus = CommandCenter.Live.SiloStatus;
using CommandCenter.Model;
using CommandCenter.Live;
using CommandCenter.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Aggregates;

/// <summary>
/// Every minute (SiloOptions.AggregateInterval) stores the figures the charts read: the county and every
/// street always, and each grid whose figures changed since it was last stored (measurements
/// county_minute, street_minute, grid_minute; see docs/storage.md). Best effort: a failed write is
/// logged and the next minute carries on; the event log, not these, is the truth.
/// </summary>
public sealed class AggregateRecorder(ILiveCounty silo, InfluxClient influx, TimeProvider time, SiloOptions options,
    ILogger<AggregateRecorder> log) : BackgroundService
{
    private readonly Dictionary<string, Figures> _lastStored = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(options.AggregateInterval, time, ct);
            if (silo.Status != SiloStatus.Ready) continue;
            try
            {
                var points = await silo.ReadAsync(Collect, ct);
                await influx.WriteAsync(points, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                log.LogWarning("per-minute figures not stored this time: {Error}", ex.Message);
            }
        }
    }

    /// <summary>Runs on the silo's loop: copies what changed into points.</summary>
    private List<LinePoint> Collect(CountyModel m)
    {
        var at = (time.GetUtcNow().ToUnixTimeSeconds() / 60 * 60) * 1_000_000_000;
        var points = new List<LinePoint> { Point("county_minute", "county", m.County.Code, m.County.Figures, at) };
        foreach (var s in m.Map.Streets) points.Add(Point("street_minute", "street", s.Code, m.FindAggregate(s.Code)!.Figures, at));
        foreach (var g in m.ActiveGrids)
        {
            if (_lastStored.TryGetValue(g.Code, out var last) && last.Equals(g.Figures)) continue;
            _lastStored[g.Code] = g.Figures.Copy();
            points.Add(Point("grid_minute", "grid", g.Code, g.Figures, at).Field("level", (long)g.Level));
        }
        return points;
    }

    private static LinePoint Point(string measurement, string tag, string code, Figures f, long at)
    {
        var p = new LinePoint(measurement).Tag(tag, code).At(at);
        foreach (var (name, value) in f.ToDictionary()) p.Field(name, value);
        return p;
    }
}
