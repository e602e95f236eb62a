using System.Text;
using CommandCenter.Storage;

namespace CommandCenter.Shared.Tests.Storage;

/// <summary>The writer the event log uses writes exactly what <see cref="LinePoint"/> writes, and refuses what it refuses.</summary>
public class LineWriterTests
{
    [Fact]
    public void Writes_the_same_line_as_LinePoint_for_every_nasty_name_and_string()
    {
        foreach (var name in InfluxTestData.NastyNames)
        foreach (var text in InfluxTestData.NastyStrings)
        {
            var expected = new LinePoint("m " + name).Tag("a" + name, name).Tag("b", "x").Field("s" + name, text)
                .Field("i", -42L).Field("d", 0.1).At(1_700_000_000_123_456_789).ToString();
            var actual = LineWriter.ToLine("m " + name, w => w.Tag("a" + name, name).Tag("b", "x").Field("s" + name, text)
                .Field("i", -42L).Field("d", 0.1).At(1_700_000_000_123_456_789));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Omits_null_and_empty_tags_and_null_fields_like_LinePoint()
    {
        Assert.Equal("m,b=x s=\"\"", LineWriter.ToLine("m", w => w.Tag("a", "").Tag("b", "x").Tag("c", null).Field("n", (string?)null).Field("s", "")));
    }

    [Fact]
    public void Refuses_tags_out_of_order_after_a_field_or_twice()
    {
        Assert.Throws<InvalidOperationException>(() => LineWriter.ToLine("m", w => w.Tag("b", "1").Tag("a", "2").Field("v", 1L)));
        Assert.Throws<InvalidOperationException>(() => LineWriter.ToLine("m", w => w.Tag("a", "1").Tag("a", "2").Field("v", 1L)));
        Assert.Throws<InvalidOperationException>(() => LineWriter.ToLine("m", w => w.Field("v", 1L).Tag("a", "1")));
        Assert.Throws<ArgumentException>(() => LineWriter.ToLine("m", w => w.Tag("a", "1").Field("a", 1L)));
        Assert.Throws<ArgumentException>(() => LineWriter.ToLine("m", w => w.Field("v", 1L).Field("v", "x")));
    }

    [Fact]
    public void Refuses_what_influxd_cannot_store_exactly()
    {
        Assert.Throws<InvalidOperationException>(() => LineWriter.ToLine("m", w => w.Tag("a", "1"))); // no field
        Assert.Throws<ArgumentOutOfRangeException>(() => LineWriter.ToLine("m", w => w.Field("v", double.NaN)));
        Assert.Throws<ArgumentException>(() => LineWriter.ToLine("m", w => w.Tag("a", "x\ny").Field("v", 1L)));
        Assert.Throws<ArgumentException>(() => LineWriter.ToLine("m", w => w.Field("time", 1L)));
        Assert.Throws<ArgumentException>(() => LineWriter.ToLine("#m", w => w.Field("v", 1L)));
        Assert.Throws<InvalidOperationException>(() => LineWriter.ToLine("m", w => { w.Field("v", 1L).At(1); w.Field("u", 2L); }));
    }

    [Fact]
    public void A_body_growing_past_its_buffer_keeps_every_character_exact()
    {
        // from a tiny buffer, through many growths, with multi-byte characters and surrogate pairs at every offset
        foreach (var text in InfluxTestData.NastyStrings.Append("😀网格").Append(new string('a', 5000) + "😀"))
        {
            using var body = new LineBody(16);
            var expected = new System.Text.StringBuilder();
            for (var i = 0; i < 300; i++)
            {
                body.Append(text.AsSpan(i % Math.Max(1, text.Length)));
                body.AppendAscii('\n');
                body.Append((long)i - 150);
                body.Append(i / 7.0);
                expected.Append(text.AsSpan(i % Math.Max(1, text.Length))).Append('\n').Append(i - 150).Append((i / 7.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            }
            Assert.Equal(Encoding.UTF8.GetBytes(expected.ToString()), body.Written.ToArray());
        }
    }

    [Fact]
    public void A_disposed_body_refuses_more_text()
    {
        var body = new LineBody(16);
        body.Dispose();
        Assert.Throws<ObjectDisposedException>(() => body.Append("more than sixteen bytes of text"));
    }
}
