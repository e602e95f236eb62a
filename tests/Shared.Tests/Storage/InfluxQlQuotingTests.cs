using CommandCenter.Storage;

namespace CommandCenter.Shared.Tests.Storage;

public class InfluxQlQuotingTests
{
    [Theory]
    [InlineData("cpu", "\"cpu\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData(@"a\b", "\"a\\\\b\"")]
    [InlineData("a'b c,d=e", "\"a'b c,d=e\"")]
    [InlineData("告警", "\"告警\"")]
    public void QuoteIdentifier_escapes_backslash_and_double_quote(string input, string expected) =>
        Assert.Equal(expected, InfluxClient.QuoteIdentifier(input));

    [Theory]
    [InlineData("x", "'x'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"C:\", @"'C:\\'")]
    [InlineData("a\nb", @"'a\nb'")]
    [InlineData("say \"hi\"\t", "'say \"hi\"\t'")]
    [InlineData("东城", "'东城'")]
    public void QuoteString_escapes_backslash_quote_and_newline(string input, string expected) =>
        Assert.Equal(expected, InfluxClient.QuoteString(input));

    [Fact]
    public void Carriage_returns_NUL_and_identifier_line_breaks_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => InfluxClient.QuoteString("a\rb"));
        Assert.Throws<ArgumentException>(() => InfluxClient.QuoteString("a\0b"));
        Assert.Throws<ArgumentException>(() => InfluxClient.QuoteIdentifier("a\0b"));
        Assert.Throws<ArgumentException>(() => InfluxClient.QuoteIdentifier("a\nb"));
    }
}
