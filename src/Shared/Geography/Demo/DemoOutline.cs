namespace CommandCenter.Geography;

/// <summary>
/// Picks the lattice cells that make up the demo county (县域轮廓): cells whose centre lies inside an
/// irregular star-shaped blob, sized to about the target count, then cleaned up so the set is one
/// edge-connected piece with no holes and no cells touching only at a corner.
/// </summary>
internal static class DemoOutline
{
    public static bool[] SelectCells(DemoLattice lattice, Random rng, int target)
    {
        // r(θ) = R · (1 + Σ aₖ sin(kθ + φₖ)) in cell units around a slightly off-centre point.
        int[] harmonics = [1, 2, 3, 5, 7];
        double[] amplitude = [0.10, 0.12, 0.08, 0.05, 0.03];
        var phase = harmonics.Select(_ => rng.NextDouble() * 2 * Math.PI).ToArray();
        var cx = lattice.Cols * (0.5 + (rng.NextDouble() - 0.5) * 0.06);
        var cy = lattice.Rows * (0.5 + (rng.NextDouble() - 0.5) * 0.06);

        bool[] Select(double radius)
        {
            var selected = new bool[lattice.CellCount];
            for (var cell = 0; cell < lattice.CellCount; cell++)
            {
                double x = lattice.Col(cell) + 0.5 - cx, y = lattice.Row(cell) + 0.5 - cy;
                var theta = Math.Atan2(y, x);
                var r = 1.0;
                for (var k = 0; k < harmonics.Length; k++) r += amplitude[k] * Math.Sin(harmonics[k] * theta + phase[k]);
                selected[cell] = Math.Sqrt(x * x + y * y) < radius * r;
            }
            return selected;
        }

        // The count grows with the radius: bisect for the target.
        double lo = 1, hi = Math.Max(lattice.Cols, lattice.Rows);
        for (var i = 0; i < 40; i++)
        {
            var mid = (lo + hi) / 2;
            if (Select(mid).Count(s => s) < target) lo = mid; else hi = mid;
        }
        var cells = Select(hi);
        for (var pass = 0; pass < 10 && Clean(lattice, cells); pass++) { }
        return cells;
    }

    /// <summary>One clean-up pass; true when it changed something.</summary>
    private static bool Clean(DemoLattice lattice, bool[] cells)
    {
        var changed = KeepLargestComponent(lattice, cells);
        changed |= FillHoles(lattice, cells);
        // Two cells meeting only at a corner: add one of the two others.
        for (var r = 0; r + 1 < lattice.Rows; r++)
            for (var c = 0; c + 1 < lattice.Cols; c++)
            {
                int sw = r * lattice.Cols + c, se = sw + 1, nw = sw + lattice.Cols, ne = nw + 1;
                if (cells[sw] && cells[ne] && !cells[se] && !cells[nw]) { cells[se] = true; changed = true; }
                else if (cells[se] && cells[nw] && !cells[sw] && !cells[ne]) { cells[sw] = true; changed = true; }
            }
        return changed;
    }

    private static bool KeepLargestComponent(DemoLattice lattice, bool[] cells)
    {
        var component = new int[cells.Length];
        Array.Fill(component, -1);
        var sizes = new List<int>();
        for (var start = 0; start < cells.Length; start++)
        {
            if (!cells[start] || component[start] >= 0) continue;
            sizes.Add(Flood(lattice, start, sizes.Count, component, c => cells[c]));
        }
        if (sizes.Count <= 1) return false;
        var largest = sizes.IndexOf(sizes.Max());
        for (var c = 0; c < cells.Length; c++)
            if (cells[c] && component[c] != largest) cells[c] = false;
        return true;
    }

    /// <summary>Unselected cells not reachable from the lattice border are holes: select them.</summary>
    private static bool FillHoles(DemoLattice lattice, bool[] cells)
    {
        var outside = new int[cells.Length];
        Array.Fill(outside, -1);
        for (var c = 0; c < cells.Length; c++)
        {
            var border = lattice.Col(c) == 0 || lattice.Row(c) == 0 || lattice.Col(c) == lattice.Cols - 1 || lattice.Row(c) == lattice.Rows - 1;
            if (border && !cells[c] && outside[c] < 0) Flood(lattice, c, 0, outside, x => !cells[x]);
        }
        var changed = false;
        for (var c = 0; c < cells.Length; c++)
            if (!cells[c] && outside[c] < 0) { cells[c] = true; changed = true; }
        return changed;
    }

    private static int Flood(DemoLattice lattice, int start, int label, int[] marks, Func<int, bool> inSet)
    {
        var queue = new Queue<int>([start]);
        marks[start] = label;
        var size = 0;
        while (queue.TryDequeue(out var cell))
        {
            size++;
            foreach (var n in lattice.Neighbours(cell))
                if (marks[n] < 0 && inSet(n)) { marks[n] = label; queue.Enqueue(n); }
        }
        return size;
    }
}
