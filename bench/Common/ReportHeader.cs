using System.Text;

namespace CommandCenter.Bench;

/// <summary>The opening of a results file: title, then date, machine, load, software and command, one line each.</summary>
public static class ReportHeader
{
    /// <param name="date">The date line after "Date: " (when, how long, which commit).</param>
    /// <param name="loadNote">What follows "The machine is shared with other work" (e.g. where its share shows), or empty.</param>
    public static void AppendTo(StringBuilder s, string title, string date, string loadStart, string loadEnd, string software, string command, string loadNote = "")
    {
        s.AppendLine($"# {title}");
        s.AppendLine();
        s.AppendLine($"- Date: {date}");
        s.AppendLine($"- Machine: {Machine.Description}");
        s.AppendLine($"- Load average (1 / 5 / 15 min) at the start: {loadStart}; at the end: {loadEnd}. The machine is shared with other work{loadNote}");
        s.AppendLine($"- Software: {software}");
        s.AppendLine($"- Command: `{command}`");
    }
}
