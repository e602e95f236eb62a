using CommandCenter.Geography;

namespace CommandCenter.Model;

/// <summary>A grid worker's (网格员) latest check-in in this grid, with the name the check-in gave (its actor), if any.</summary>
public sealed record WorkerPresence(string WorkerId, DateTimeOffset CheckedInAt, GeoPoint? Position, string? Name = null);
