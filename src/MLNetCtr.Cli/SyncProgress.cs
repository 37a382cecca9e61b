namespace MLNetCtr.Cli;

/// <summary>An <see cref="IProgress{T}"/> that calls back synchronously on the reporting thread (unlike <see cref="Progress{T}"/>).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
