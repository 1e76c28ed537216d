using System.Collections.Immutable;
using System.Text;
using PerformanceEval.Contract;

namespace PerformanceEval.Storage;

/// <summary>
/// A document's forms waiting for the transaction that stores them: in memory for an ordinary file, in a temporary
/// file (deleted when closed) once they pass <see cref="InMemoryForms"/>, as a dump read in sections hands them on —
/// each form with the table it was read from, where the pipeline kept it.
/// </summary>
/// <remarks>
/// Why not write each section's forms as they come: the store takes a document whole or not at all, in one transaction,
/// and SQLite has one writer. A transaction held open while a 100 MB dump is read (a minute and more) would make every
/// other worker's commit wait past SQLite's busy timeout. Spooled, the transaction lasts only as long as the inserts.
/// </remarks>
public sealed class FormSpool : IDisposable
{
    /// <summary>Forms held in memory before the spool moves to disk (a few hundred kilobytes each at worst).</summary>
    public const int InMemoryForms = 500;

    private readonly List<CleanedForm> _held = [];
    private FileStream? _file;
    private StreamWriter? _writer;

    /// <summary>The temporary file, once the spool is on disk.</summary>
    internal string? SpoolPath => _file?.Name;

    /// <summary>Forms added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Findings of the forms added so far.</summary>
    public int Findings { get; private set; }

    public void Add(ImmutableArray<CleanedForm> forms)
    {
        foreach (var form in forms)
        {
            Count++;
            Findings += form.Findings.Length;
            if (_writer is null && _held.Count < InMemoryForms)
            {
                _held.Add(form);
                continue;
            }
            if (_writer is null)
            {
                _file = new FileStream(Path.Combine(Path.GetTempPath(), $"perfeval-spool-{Guid.NewGuid():N}.jsonl"), FileMode.CreateNew,
                    FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                _writer = new StreamWriter(_file, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                foreach (var held in _held) Write(held);
                _held.Clear();
            }
            Write(form);
        }
    }

    /// <summary>A form as two lines: its contract JSON, then the table it was read from (an empty line for none).</summary>
    private void Write(CleanedForm form)
    {
        _writer!.WriteLine(ContractJson.Serialize(form));
        _writer.WriteLine(form.ReadTable?.ToJson() ?? "");
    }

    /// <summary>The forms in the order they were added, read back one at a time from disk when spooled there.</summary>
    public IEnumerable<CleanedForm> Forms() => _writer is null ? _held.AsReadOnly() : FromDisk();

    private IEnumerable<CleanedForm> FromDisk()
    {
        _writer!.Flush();
        _file!.Seek(0, SeekOrigin.Begin);
        using var reader = new StreamReader(_file, Encoding.UTF8, false, 1 << 16, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            var table = reader.ReadLine();
            yield return ContractJson.Deserialize(line) with { ReadTable = string.IsNullOrEmpty(table) ? null : ReadTable.FromJson(table) };
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _file?.Dispose();
    }
}
