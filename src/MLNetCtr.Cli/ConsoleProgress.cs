using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MLNetCtr.Cli;

/// <summary>Receives the progress of one long piece of work: the fraction done and a one-line status.</summary>
internal interface IProgressLine
{
    /// <summary>Shows progress.</summary>
    /// <param name="fraction">Fraction of the work done, in [0, 1].</param>
    /// <param name="status">What is happening, e.g. the loss; plain text.</param>
    /// <param name="milestone">Whether this update is worth a line of its own in plain output (e.g. a validation).</param>
    void Update(double fraction, string status, bool milestone = false);
}

/// <summary>
/// Runs long work under a progress bar on a live terminal, and under plain lines (one per tenth of the work and per
/// milestone) anywhere else, so that logs and tests get readable text rather than redraw escapes.
/// </summary>
internal static class ConsoleProgress
{
    /// <summary>Runs <paramref name="work"/>, giving it a progress line titled <paramref name="title"/>; returns its result.</summary>
    public static T Run<T>(CliContext context, string title, Func<IProgressLine, T> work)
    {
        if (!context.IsLive)
        {
            return work(new PlainLine(context, title));
        }
        var status = new StatusColumn();
        return context.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn(),
                new RemainingTimeColumn(), status)
            .Start(progress => work(new LiveLine(progress.AddTask(Markup.Escape(title), maxValue: 1.0), status)));
    }

    /// <summary>A Spectre progress task: the bar shows the fraction, the status column the status.</summary>
    private sealed class LiveLine(ProgressTask task, StatusColumn column) : IProgressLine
    {
        public void Update(double fraction, string status, bool milestone = false)
        {
            column.Status = status;
            task.Value = Math.Clamp(fraction, 0, 1);
        }
    }

    /// <summary>The latest status, after the bar (wrapped when the terminal is too narrow).</summary>
    private sealed class StatusColumn : ProgressColumn
    {
        public volatile string Status = "";

        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Spectre.Console.Text(Status);
    }

    /// <summary>Writes <c>title  42%  status</c> each time another tenth is done, and at every milestone.</summary>
    private sealed class PlainLine(CliContext context, string title) : IProgressLine
    {
        private const int Steps = 10;
        private int _nextStep = 1;

        public void Update(double fraction, string status, bool milestone = false)
        {
            bool crossed = fraction * Steps >= _nextStep;
            if (crossed)
            {
                _nextStep = (int)Math.Floor(fraction * Steps) + 1;
            }
            if (crossed || milestone)
            {
                context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}  {fraction * 100,3:F0}%  {status}"));
            }
        }
    }
}
