using PerformanceEval.Storage;

namespace PerformanceEval.Cli;

/// <summary>
/// Import progress on standard error: a bar redrawn in place on a terminal; on a pipe or a log file, a plain line
/// every few seconds so a CI log or a nohup file stays readable.
/// </summary>
internal sealed class ProgressReporter(TextWriter writer) : IProgress<ImportProgress>, IDisposable
{
    private static readonly TimeSpan TerminalEvery = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(5);
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private DateTime _last = DateTime.MinValue;
    private ImportProgress? _latest;

    public void Report(ImportProgress value)
    {
        lock (_gate)
        {
            _latest = value;
            if (DateTime.UtcNow - _last < (_terminal ? TerminalEvery : LogEvery)) return;
            _last = DateTime.UtcNow;
            Draw(value);
        }
    }

    public void Finish()
    {
        lock (_gate)
        {
            if (_latest is { } p) Draw(p);
            if (_terminal) writer.WriteLine();
        }
    }

    private void Draw(ImportProgress p)
    {
        var finished = p.Done + p.Failed;
        var left = p.Remaining is { } r ? $"{(int)r.TotalMinutes}:{r.Seconds:00} left" : "";
        var text = $"{finished}/{p.Total} files  {p.Forms} forms  {p.Findings} findings  {p.Failed} failed  {p.FilesPerSecond:F1} files/s  {left}";
        if (_terminal)
        {
            var width = 24;
            var filled = p.Total == 0 ? width : (int)(width * (double)finished / p.Total);
            writer.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {text}   ");
        }
        else writer.WriteLine($"import: {text}");
    }

    public void Dispose() { }
}
