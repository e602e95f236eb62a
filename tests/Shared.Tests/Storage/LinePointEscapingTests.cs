using CommandCenter.Storage;

namespace CommandCenter.Shared.Tests.Storage;

/// <summary>Exact line protocol text for each special character in each position.</summary>
public class LinePointEscapingTests
{
    [Theory]
    [InlineData("a b", @"a\ b")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a=b", "a=b")] // '=' needs no escape in a measurement
    [InlineData("a\"b", "a\"b")]
    [InlineData("a'b", "a'b")]
    [InlineData(@"a\b", @"a\b")] // a lone backslash before an ordinary character stays as it is
    [InlineData("a\tb", "a\tb")]
    [InlineData("告警 事件", @"告警\ 事件")]
    public void Measurement_escapes_comma_and_space(string measurement, string expected) =>
        Assert.Equal($"{expected} v=1i", new LinePoint(measurement).Field("v", 1L).ToString());

    [Theory]
    [InlineData("a b", @"a\ b")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a=b", @"a\=b")]
    [InlineData("a\"b", "a\"b")]
    [InlineData(@"a\b", @"a\b")]
    [InlineData("#a", "#a")]
    [InlineData("网格", "网格")]
    public void Tag_keys_tag_values_and_field_keys_escape_comma_equals_space(string name, string expected)
    {
        Assert.Equal($"m,{expected}=x v=1i", new LinePoint("m").Tag(name, "x").Field("v", 1L).ToString());
        Assert.Equal($"m,k={expected} v=1i", new LinePoint("m").Tag("k", name).Field("v", 1L).ToString());
        Assert.Equal($"m {expected}=1i", new LinePoint("m").Field(name, 1L).ToString());
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\dir\", "\"C:\\\\dir\\\\\"")]
    [InlineData(@"\""", "\"\\\\\\\"\"")] // backslash then quote: each escaped
    [InlineData("a,b=c d", "\"a,b=c d\"")] // no escapes needed inside quotes
    [InlineData("a\nb", "\"a\nb\"")] // raw newline inside the quotes: influxd 1.6.7 keeps it exactly
    [InlineData("a\r\nb\tc", "\"a\r\nb\tc\"")]
    [InlineData(@"a\nb", "\"a\\\\nb\"")] // backslash-n stays two characters
    [InlineData("", "\"\"")]
    [InlineData("东城区 “引号” 😀", "\"东城区 “引号” 😀\"")]
    public void String_field_values_are_quoted_with_quote_and_backslash_escaped(string value, string expected) =>
        Assert.Equal($"m s={expected}", new LinePoint("m").Field("s", value).ToString());

    [Fact]
    public void Integers_get_the_i_suffix()
    {
        Assert.Equal("m a=0i,b=-42i,c=9223372036854775807i,d=-9223372036854775808i,e=7i",
            new LinePoint("m").Field("a", 0L).Field("b", -42L).Field("c", long.MaxValue).Field("d", long.MinValue)
                .Field("e", 7).ToString());
    }

    [Fact]
    public void Doubles_use_invariant_round_trip_format_whatever_the_culture()
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("m a=0.1,b=1E+20,c=5E-324,d=-1.5,e=3,f=1.7976931348623157E+308,g=0.30000000000000004",
                new LinePoint("m").Field("a", 0.1).Field("b", 1e20).Field("c", double.Epsilon).Field("d", -1.5)
                    .Field("e", 3.0).Field("f", double.MaxValue).Field("g", 0.1 + 0.2).ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Booleans_are_true_and_false() =>
        Assert.Equal("m a=true,b=false", new LinePoint("m").Field("a", true).Field("b", false).ToString());

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NaN_and_infinity_are_rejected(double value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LinePoint("m").Field("x", value));
        Assert.Contains("NaN or Infinity", e.Message);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void Tags_are_sorted_by_key_and_empty_tags_omitted()
    {
        var p = new LinePoint("m").Tag("zone", "z").Tag("empty", "").Tag("null", null).Tag("area", "a").Tag("Big", "b")
            .Field("v", 1L).At(1700000000123456789);
        Assert.Equal("m,Big=b,area=a,zone=z v=1i 1700000000123456789", p.ToString());
    }

    [Fact]
    public void Fields_keep_their_order_and_null_strings_are_omitted() =>
        Assert.Equal("m b=1i,a=\"x\"", new LinePoint("m").Field("b", 1L).Field("skip", (string?)null).Field("a", "x").ToString());

    [Fact]
    public void Timestamp_is_optional_and_converts_from_DateTimeOffset()
    {
        Assert.Equal("m v=1i", new LinePoint("m").Field("v", 1L).ToString());
        var t = new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.FromHours(8)).AddTicks(1234567);
        Assert.Equal("m v=1i 1714523400123456700", new LinePoint("m").Field("v", 1L).At(t).ToString());
        Assert.Equal("m v=1i -5", new LinePoint("m").Field("v", 1L).At(-5).ToString());
    }

    [Fact]
    public void WriteTo_appends_one_line_without_newline()
    {
        using var body = new LineBody();
        body.Append("x\n");
        new LinePoint("m").Field("v", "a\nb").WriteTo(body);
        Assert.Equal("x\nm v=\"a\nb\"", body.ToString());
    }

    public static TheoryData<string> UnwritableNames => new()
    {
        @"end\", @"a\\b", @"a\,b", @"a\=b", @"a\ b", "a\\\"b", "a\nb", "a\rb", "a\0b",
    };

    [Theory]
    [MemberData(nameof(UnwritableNames))]
    public void Names_that_line_protocol_cannot_carry_are_rejected_in_every_position(string name)
    {
        Assert.Throws<ArgumentException>(() => new LinePoint(name));
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Tag(name, "v"));
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Tag("k", name));
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Field(name, 1L));
    }

    [Fact]
    public void Trailing_backslash_message_is_clear()
    {
        var e = Assert.Throws<ArgumentException>(() => new LinePoint("m").Tag("path", @"C:\"));
        Assert.Contains("backslash at the end", e.Message);
        Assert.Contains("'path'", e.Message);
    }

    [Fact]
    public void Other_mistakes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new LinePoint(""));
        Assert.Contains("comment", Assert.Throws<ArgumentException>(() => new LinePoint("#m")).Message);
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Tag("time", "x"));
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Field("time", 1L));
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Tag("", "x"));
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Field("", 1L));
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Field("a", 1L).Field("a", 2L));
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Tag("a", "x").Tag("a", "y"));
        Assert.Throws<ArgumentException>(() => new LinePoint("m").Tag("a", "x").Field("a", 1L)); // 3.x forbids it
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinePoint("m").At(long.MinValue));
        Assert.Throws<InvalidOperationException>(() => new LinePoint("m").Tag("a", "x").ToString());
    }
}
