using CommandCenter.Replay;

namespace CommandCenter.EndToEnd.Tests.Replay;

/// <summary>CSV formula injection (issue 13 item 6): a cell a spreadsheet would run as a formula is neutralised; numbers stay numbers.</summary>
public sealed class ReplayCsvCellTests
{
    [Theory]
    [InlineData("=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A1")]
    [InlineData("+SUM(1,2)", "\"'+SUM(1,2)\"")]
    [InlineData("-2+3+cmd|' /C calc'!D2", "'-2+3+cmd|' /C calc'!D2")]
    [InlineData("@HYPERLINK(\"http://x\")", "\"'@HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    public void A_formula_gets_a_leading_apostrophe(string value, string cell) => Assert.Equal(cell, ReplayCsv.Cell(value));

    [Theory]
    [InlineData("-3", "-3")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("+7", "+7")]
    [InlineData("42", "42")]
    [InlineData("2026-12-04T18:00:00.000+08:00", "2026-12-04T18:00:00.000+08:00")]
    [InlineData("值班员-王芳", "值班员-王芳")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Numbers_dates_and_plain_text_stay_as_they_are(string? value, string cell) => Assert.Equal(cell, ReplayCsv.Cell(value));
}
