namespace CommandCenter.Bench.Wall;

public static class Stats
{
    /// <summary>Nearest-rank percentile of unsorted values (NaN when empty).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Least-squares slope of y over x (NaN with fewer than two distinct x).</summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2) return double.NaN;
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
        return sxx == 0 ? double.NaN : points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx;
    }

    public static double Share(IReadOnlyCollection<double> values, Func<double, bool> which) =>
        values.Count == 0 ? double.NaN : values.Count(which) / (double)values.Count;
}
