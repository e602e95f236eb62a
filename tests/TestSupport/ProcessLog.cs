using System.Diagnostics;

namespace CommandCenter.TestSupport;

/// <summary>Keeps the last lines a child process wrote to stdout and stderr, for failure messages.</summary>
public sealed class ProcessLog
{
    private readonly Queue<string> _lines = new();
    private readonly int _maxLines;

    public ProcessLog(int maxLines = 200) => _maxLines = maxLines;

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > _maxLines) _lines.Dequeue();
        }
    }

    public bool Contains(string text)
    {
        lock (_lines) return _lines.Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase));
    }

    public override string ToString()
    {
        lock (_lines) return string.Join(Environment.NewLine, _lines);
    }
}
