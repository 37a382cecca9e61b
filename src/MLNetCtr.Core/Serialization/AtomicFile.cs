namespace MLNetCtr.Serialization;

/// <summary>Writes files so that a crash or kill mid-write leaves the previous file intact.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes through <paramref name="write"/> to a temporary file beside <paramref name="path"/>, flushes it to disk,
    /// then renames it over <paramref name="path"/> (an atomic replace on the same volume). Temporaries of
    /// <paramref name="path"/> left by an earlier writer that was killed are removed first; those another writer still
    /// holds open are left alone.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        RemoveAbandonedTemporaries(directory, Path.GetFileName(full));
        string temporary = Path.Combine(directory, TemporaryName(Path.GetFileName(full), Guid.NewGuid().ToString("N")));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The hidden temporary <c>.name.guid.tmp</c> beside the target file <paramref name="fileName"/>.</summary>
    internal static string TemporaryName(string fileName, string guid) => $".{fileName}.{guid}.tmp";

    /// <summary>
    /// Deletes the temporaries of <paramref name="fileName"/> that no writer holds: a writer keeps its temporary open
    /// with <see cref="FileShare.None"/> (an exclusive lock, also between processes), which a killed process releases.
    /// </summary>
    private static void RemoveAbandonedTemporaries(string directory, string fileName)
    {
        foreach (string candidate in Directory.EnumerateFiles(directory, TemporaryName(fileName, "*")))
        {
            string guid = Path.GetFileName(candidate)[(fileName.Length + 2)..^4];
            if (guid.Length != 32 || !Guid.TryParseExact(guid, "N", out _))
            {
                continue;
            }
            try
            {
                using (new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
                File.Delete(candidate);
            }
            catch (IOException)
            {
                // Held by a live writer (or gone meanwhile): not ours to remove.
            }
        }
    }
}
