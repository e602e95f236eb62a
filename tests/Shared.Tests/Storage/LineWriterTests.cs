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
    public void A_body_split_inside_a_surrogate_pair_is_encoded_exactly()
    {
        // StringBuilder chunks hold at most 8,000 chars: with 7,999 chars in front, the emoji's two halves land in different chunks
        for (var pad = 7_990; pad < 8_010; pad++)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < pad; i++) sb.Append('a');
            sb.Append("😀网格\n");
            var (buffer, length) = Utf8Body.Encode(sb);
            try
            {
                Assert.Equal(Encoding.UTF8.GetBytes(sb.ToString()), buffer.AsSpan(0, length).ToArray());
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
