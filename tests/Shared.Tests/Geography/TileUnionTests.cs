using CommandCenter.Geography;

namespace CommandCenter.Shared.Tests.Geography;

/// <summary>Outlines of sets of unit cells, including holes and cells meeting at one corner.</summary>
public class TileUnionTests
{
    private static IReadOnlyList<GeoPoint> Cell(int x, int y) =>
        [new(x, y), new(x + 1, y), new(x + 1, y + 1), new(x, y + 1)];

    /// <summary>Cells from a picture, top row first; '#' is a cell.</summary>
    private static List<(int X, int Y)> Cells(params string[] rows) =>
        rows.SelectMany((row, r) => row.Select((ch, x) => (ch, x)).Where(t => t.ch == '#').Select(t => (t.x, rows.Length - 1 - r))).ToList();

    private static AreaShape Outline(List<(int X, int Y)> cells, bool clockwise = false) =>
        TileUnion.Outline(cells.Select(c => clockwise ? Cell(c.X, c.Y).Reverse().ToList() : Cell(c.X, c.Y)));

    /// <summary>The outline contains exactly the cells' centres, and no ring passes a vertex twice.</summary>
    private static void AssertMatches(List<(int X, int Y)> cells, AreaShape shape)
    {
        for (var x = -1; x < 8; x++)
            for (var y = -1; y < 8; y++)
                Assert.Equal(cells.Contains((x, y)), Geometry.Contains(shape, new GeoPoint(x + 0.5, y + 0.5)));
        foreach (var ring in shape.Polygons.SelectMany(p => p))
            Assert.Equal(ring.Count, ring.Distinct().Count());
    }

    [Fact]
    public void Block_of_cells_gives_one_ring()
    {
        var cells = Cells("###", "###");
        var shape = Outline(cells);
        var polygon = Assert.Single(shape.Polygons);
        Assert.Single(polygon);
        Assert.Equal(6, AreaLabel.SignedArea(polygon[0]), 9);
        AssertMatches(cells, shape);
        AssertMatches(cells, Outline(cells, clockwise: true));
    }

    [Fact]
    public void Ring_of_cells_has_a_hole()
    {
        var cells = Cells("###", "#.#", "###");
        var shape = Outline(cells);
        var polygon = Assert.Single(shape.Polygons);
        Assert.Equal(2, polygon.Count);
        AssertMatches(cells, shape);
    }

    [Fact]
    public void Hole_touching_the_outside_at_a_corner_is_split_into_simple_rings()
    {
        // The empty cell in the middle touches the outside at one corner.
        var cells = Cells("##.", "#.#", "###");
        var shape = Outline(cells);
        var polygon = Assert.Single(shape.Polygons);
        Assert.Equal(2, polygon.Count); // outer boundary + hole, sharing one vertex
        AssertMatches(cells, shape);
    }

    [Fact]
    public void Cells_meeting_only_at_a_corner_give_two_polygons()
    {
        var cells = Cells(".#", "#.");
        var shape = Outline(cells);
        Assert.Equal(2, shape.Polygons.Count);
        AssertMatches(cells, shape);
    }

    [Fact]
    public void Island_inside_a_hole_is_its_own_polygon()
    {
        var cells = Cells("#####", "#...#", "#.#.#", "#...#", "#####");
        var shape = Outline(cells);
        Assert.Equal(2, shape.Polygons.Count);
        AssertMatches(cells, shape);
    }
}
