namespace CommandCenter.Geography;

/// <summary>
/// Splits an edge-connected set of lattice cells into k contiguous, compact regions of similar size:
/// seeds spread by farthest-point sampling and a few k-means rounds, then a balanced breadth-first
/// growth in which the smallest region always takes the next cell. Every region stays connected.
/// </summary>
internal static class RegionGrower
{
    /// <summary>Returns the regions, each a list of cells in growth order.</summary>
    public static List<List<int>> Partition(DemoLattice lattice, IReadOnlyList<int> cells, int k, Random rng)
    {
        k = Math.Clamp(k, 1, cells.Count);
        var seeds = Seeds(lattice, cells, k, rng);
        k = seeds.Count;
        var owner = new Dictionary<int, int>(cells.Count);
        foreach (var c in cells) owner[c] = -1;

        var regions = seeds.Select(_ => new List<int>()).ToList();
        var queues = seeds.Select(s => new Queue<int>([s])).ToList();
        var active = Enumerable.Repeat(true, k).ToArray();
        var assigned = 0;
        while (assigned < cells.Count)
        {
            var r = -1;
            for (var i = 0; i < k; i++)
                if (active[i] && (r < 0 || regions[i].Count < regions[r].Count)) r = i;
            if (r < 0) throw new InvalidOperationException("cell set is not connected");
            int cell;
            do
            {
                if (!queues[r].TryDequeue(out cell)) { cell = -1; break; }
            } while (owner[cell] >= 0);
            if (cell < 0) { active[r] = false; continue; }

            owner[cell] = r;
            regions[r].Add(cell);
            assigned++;
            foreach (var n in lattice.Neighbours(cell))
                if (owner.TryGetValue(n, out var o) && o < 0) queues[r].Enqueue(n);
        }
        return regions.Where(g => g.Count > 0).ToList();
    }

    /// <summary>k well-spread cells: farthest-point sampling, then Lloyd (k-means) rounds.</summary>
    public static List<int> Seeds(DemoLattice lattice, IReadOnlyList<int> cells, int k, Random rng)
    {
        (double X, double Y) Pos(int c) => (lattice.Col(c), lattice.Row(c));
        double D2((double X, double Y) a, (double X, double Y) b) => (a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y);

        var seeds = new List<int> { cells[rng.Next(cells.Count)] };
        while (seeds.Count < k)
            seeds.Add(cells.Where(c => !seeds.Contains(c)).MaxBy(c => seeds.Min(s => D2(Pos(c), Pos(s)))));

        // Lloyd rounds: move each seed to the member cell nearest its cluster's mean.
        for (var round = 0; round < 6; round++)
        {
            var clusters = seeds.Select(_ => new List<int>()).ToList();
            foreach (var c in cells)
                clusters[Enumerable.Range(0, k).MinBy(i => D2(Pos(c), Pos(seeds[i])))].Add(c);
            for (var i = 0; i < k; i++)
            {
                if (clusters[i].Count == 0) continue;
                var mean = (clusters[i].Average(c => Pos(c).X), clusters[i].Average(c => Pos(c).Y));
                seeds[i] = clusters[i].MinBy(c => D2(Pos(c), mean));
            }
        }
        return seeds.Distinct().ToList();
    }
}
