namespace CommandCenter.Geography;

/// <summary>
/// Point → grid (网格) lookup: a uniform bucket grid over the bounds of all grids. Each bucket lists,
/// in input order, the grids whose bounding box overlaps it; a lookup tests the bounding boxes of the
/// bucket's candidates, then runs the exact point-in-polygon test. With overlapping input the first
/// grid in input order wins, as with a linear scan.
/// </summary>
internal sealed class GridIndex
{
    private const double BucketsPerGrid = 2.0;

    private readonly Area[] _grids;
    private readonly Box[] _boxes;
    private readonly int[] _bucketStart;   // CSR: bucket b holds _items[_bucketStart[b] .. _bucketStart[b + 1])
    private readonly int[] _items;
    private readonly double _minLon, _minLat, _maxLon, _maxLat, _bucketW, _bucketH;
    private readonly int _cols, _rows;

    private readonly record struct Box(double MinLon, double MinLat, double MaxLon, double MaxLat)
    {
        public bool Contains(GeoPoint p) => p.Lon >= MinLon && p.Lon <= MaxLon && p.Lat >= MinLat && p.Lat <= MaxLat;
    }

    public GridIndex(IReadOnlyList<Area> grids)
    {
        _grids = grids.ToArray();
        _boxes = new Box[_grids.Length];
        double minLon = double.MaxValue, minLat = double.MaxValue, maxLon = double.MinValue, maxLat = double.MinValue;
        for (var i = 0; i < _grids.Length; i++)
        {
            var b = _grids[i].Shape.Bounds;
            _boxes[i] = new Box(b.MinLon, b.MinLat, b.MaxLon, b.MaxLat);
            if (b.MinLon > b.MaxLon) continue; // empty shape
            minLon = Math.Min(minLon, b.MinLon); minLat = Math.Min(minLat, b.MinLat);
            maxLon = Math.Max(maxLon, b.MaxLon); maxLat = Math.Max(maxLat, b.MaxLat);
        }
        if (minLon > maxLon) { _bucketStart = [0, 0]; _items = []; _cols = _rows = 1; _bucketW = _bucketH = 1; _minLon = _minLat = 1; _maxLon = _maxLat = 0; return; }

        (_minLon, _minLat, _maxLon, _maxLat) = (minLon, minLat, maxLon, maxLat);
        var width = Math.Max(maxLon - minLon, 1e-12);
        var height = Math.Max(maxLat - minLat, 1e-12);
        var buckets = Math.Max(1.0, _grids.Length * BucketsPerGrid);
        _cols = Math.Clamp((int)Math.Ceiling(Math.Sqrt(buckets * width / height)), 1, 4096);
        _rows = Math.Clamp((int)Math.Ceiling(buckets / _cols), 1, 4096);
        _bucketW = width / _cols;
        _bucketH = height / _rows;

        // Two passes: count per bucket, then fill (keeps candidates in input order).
        var counts = new int[_cols * _rows + 1];
        ForEachBucket((_, bucket) => counts[bucket + 1]++);
        for (var b = 1; b < counts.Length; b++) counts[b] += counts[b - 1];
        _bucketStart = counts;
        _items = new int[counts[^1]];
        var fill = (int[])counts.Clone();
        ForEachBucket((grid, bucket) => _items[fill[bucket]++] = grid);
    }

    private void ForEachBucket(Action<int, int> visit)
    {
        for (var i = 0; i < _boxes.Length; i++)
        {
            var box = _boxes[i];
            if (box.MinLon > box.MaxLon) continue;
            int c0 = Col(box.MinLon), c1 = Col(box.MaxLon), r0 = Row(box.MinLat), r1 = Row(box.MaxLat);
            for (var r = r0; r <= r1; r++)
                for (var c = c0; c <= c1; c++)
                    visit(i, r * _cols + c);
        }
    }

    private int Col(double lon) => Math.Clamp((int)((lon - _minLon) / _bucketW), 0, _cols - 1);
    private int Row(double lat) => Math.Clamp((int)((lat - _minLat) / _bucketH), 0, _rows - 1);

    public Area? Locate(GeoPoint p)
    {
        if (!(p.Lon >= _minLon && p.Lon <= _maxLon && p.Lat >= _minLat && p.Lat <= _maxLat)) return null; // also rejects NaN
        var bucket = Row(p.Lat) * _cols + Col(p.Lon);
        for (int k = _bucketStart[bucket], end = _bucketStart[bucket + 1]; k < end; k++)
        {
            var i = _items[k];
            if (_boxes[i].Contains(p) && Geometry.Contains(_grids[i].Shape, p)) return _grids[i];
        }
        return null;
    }
}
