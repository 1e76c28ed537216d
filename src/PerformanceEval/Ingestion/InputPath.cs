using System.Runtime.InteropServices;

namespace PerformanceEval.Ingestion;

/// <summary>What a path on disk is, as far as reading it as an input is concerned.</summary>
public enum InputPathKind
{
    Missing,
    Regular,
    Directory,
    /// <summary>A named pipe: opening it for reading waits for a writer, forever when there is none.</summary>
    Fifo,
    /// <summary>A character or block device (/dev/zero reads without end).</summary>
    Device,
    Socket,
}

/// <summary>
/// Tells a regular file from a FIFO, a device or a socket, which .NET reports alike (all "Normal"): only regular
/// files are read as inputs, so an archive folder holding a pipe or a device node cannot hang or flood a run.
/// Links are followed (stat, not lstat); link loops and dangling links are <see cref="InputPathKind.Missing"/>.
/// </summary>
public static partial class InputPath
{
    public static InputPathKind KindOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path)) return InputPathKind.Directory;
        if (!File.Exists(path)) return InputPathKind.Missing;
        return Mode(path) switch
        {
            null => InputPathKind.Regular,
            var m => (m.Value & 0xF000) switch
            {
                0x8000 => InputPathKind.Regular,
                0x4000 => InputPathKind.Directory,
                0x1000 => InputPathKind.Fifo,
                0x2000 or 0x6000 => InputPathKind.Device,
                0xC000 => InputPathKind.Socket,
                _ => InputPathKind.Missing,
            },
        };
    }

    /// <summary>Why a path that is no regular file is not read, in a sentence that names what it is.</summary>
    public static string Describe(InputPathKind kind) => kind switch
    {
        InputPathKind.Missing => "no such file (or a dangling or looping link)",
        InputPathKind.Directory => "a folder",
        InputPathKind.Fifo => "a named pipe (FIFO), not a file: reading it would wait for a writer",
        InputPathKind.Device => "a device, not a file",
        InputPathKind.Socket => "a socket, not a file",
        _ => "a regular file",
    };

    /// <summary>st_mode from stat(2), or null where it cannot be had (not Linux, an architecture whose layout is not known here).</summary>
    private static unsafe uint? Mode(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        // struct stat's st_mode: after st_dev, st_ino, st_nlink on x86-64; after st_dev, st_ino on the generic layout (arm64).
        int offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (offset < 0) return null;
        var buffer = stackalloc byte[256];
        try
        {
            if (stat(path, buffer) != 0) return 0; // ENOENT, ELOOP: not a file to read
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return *(uint*)(buffer + offset);
    }

    /// <summary>
    /// The path with every link and ".." resolved (realpath(3)), so that a file reached twice — through a link, a
    /// linked folder, a loop — is known as one; null for a dangling link or a loop.
    /// </summary>
    public static string? RealPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsLinux()) return Path.Exists(path) ? Path.GetFullPath(path) : null;
        try
        {
            var resolved = realpath(path, IntPtr.Zero);
            if (resolved == IntPtr.Zero) return null;
            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                free(resolved);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Path.GetFullPath(path);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr realpath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void free(IntPtr pointer);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int stat(string path, byte* buffer);
}
