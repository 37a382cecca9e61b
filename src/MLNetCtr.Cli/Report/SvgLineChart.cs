using System.Globalization;
using System.Net;
using System.Text;

namespace MLNetCtr.Cli.Report;

/// <summary>How a series is drawn.</summary>
internal enum LineStyle
{
    /// <summary>A solid line with a dot at each point.</summary>
    SolidWithMarkers,

    /// <summary>A solid line.</summary>
    Solid,

    /// <summary>A dashed line: references such as the oracle or the diagonal.</summary>
    Dashed,
}

/// <summary>
/// A small line chart rendered as a self-contained SVG element (no script, no external asset): axes with round ticks,
/// one polyline per series, a legend. Non-finite points are skipped. Every chart of the demo report is one of these.
/// </summary>
internal sealed class SvgLineChart(string title, string xLabel, string yLabel)
{
    /// <summary>Colors of the series, in order (a colorblind-safe palette); dashed references are drawn in grey.</summary>
    private static readonly string[] s_palette = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];
    private const int Width = 440, Height = 300, Left = 56, Right = 16, Top = 34, Bottom = 44;

    private readonly List<(string Name, (double X, double Y)[] Points, LineStyle Style)> _series = [];
    private (double Min, double Max)? _xRange, _yRange;
    private bool _integerX;

    /// <summary>Puts x ticks on whole numbers only (e.g. epochs).</summary>
    public SvgLineChart WithIntegerX()
    {
        _integerX = true;
        return this;
    }

    /// <summary>Fixes the x axis to [<paramref name="min"/>, <paramref name="max"/>] instead of fitting the data.</summary>
    public SvgLineChart WithXRange(double min, double max)
    {
        _xRange = (min, max);
        return this;
    }

    /// <summary>Fixes the y axis to [<paramref name="min"/>, <paramref name="max"/>] instead of fitting the data.</summary>
    public SvgLineChart WithYRange(double min, double max)
    {
        _yRange = (min, max);
        return this;
    }

    /// <summary>Adds a series; its points are drawn in the order given.</summary>
    public SvgLineChart Add(string name, IEnumerable<(double X, double Y)> points, LineStyle style = LineStyle.SolidWithMarkers)
    {
        _series.Add((name, [.. points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))], style));
        return this;
    }

    /// <summary>The chart as an <c>&lt;svg&gt;</c> element.</summary>
    public string ToSvg()
    {
        (double x0, double x1) = _xRange ?? ChartAxis.Fit(_series.SelectMany(s => s.Points.Select(p => p.X)), _integerX);
        (double y0, double y1) = _yRange ?? ChartAxis.Fit(_series.SelectMany(s => s.Points.Select(p => p.Y)));
        var plot = new PlotArea(x0, x1, y0, y1, Left, Width - Right, Height - Bottom, Top);
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(title)}\">"));
        svg.Append(Invariant($"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>"));
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{Encode(title)}</text>"));
        AppendAxes(svg, plot);
        int colored = 0;
        foreach ((string _, (double X, double Y)[] points, LineStyle style) in _series)
        {
            string color = style == LineStyle.Dashed ? "#888888" : s_palette[colored++ % s_palette.Length];
            AppendSeries(svg, plot, points, style, color);
        }
        AppendLegend(svg);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private void AppendAxes(StringBuilder svg, PlotArea plot)
    {
        foreach (double tick in ChartAxis.Ticks(plot.X0, plot.X1, _integerX))
        {
            double x = plot.ToPixelX(tick);
            svg.Append(Invariant($"<line x1=\"{x:F1}\" y1=\"{plot.PixelTop}\" x2=\"{x:F1}\" y2=\"{plot.PixelBottom}\" stroke=\"#e5e5e5\"/>"));
            svg.Append(Invariant($"<text x=\"{x:F1}\" y=\"{plot.PixelBottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{ChartAxis.Label(tick)}</text>"));
        }
        foreach (double tick in ChartAxis.Ticks(plot.Y0, plot.Y1))
        {
            double y = plot.ToPixelY(tick);
            svg.Append(Invariant($"<line x1=\"{plot.PixelLeft}\" y1=\"{y:F1}\" x2=\"{plot.PixelRight}\" y2=\"{y:F1}\" stroke=\"#e5e5e5\"/>"));
            svg.Append(Invariant($"<text x=\"{plot.PixelLeft - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\" font-size=\"11\">{ChartAxis.Label(tick)}</text>"));
        }
        svg.Append(Invariant($"<rect x=\"{plot.PixelLeft}\" y=\"{plot.PixelTop}\" width=\"{plot.PixelRight - plot.PixelLeft}\" height=\"{plot.PixelBottom - plot.PixelTop}\" fill=\"none\" stroke=\"#333333\"/>"));
        svg.Append(Invariant($"<text x=\"{(plot.PixelLeft + plot.PixelRight) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"12\">{Encode(xLabel)}</text>"));
        svg.Append(Invariant($"<text transform=\"translate(14 {(plot.PixelTop + plot.PixelBottom) / 2}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">{Encode(yLabel)}</text>"));
    }

    private static void AppendSeries(StringBuilder svg, PlotArea plot, (double X, double Y)[] points, LineStyle style, string color)
    {
        if (points.Length == 0)
        {
            return;
        }
        string coordinates = string.Join(" ", points.Select(p => Invariant($"{plot.ToPixelX(p.X):F1},{plot.ToPixelY(p.Y):F1}")));
        string dash = style == LineStyle.Dashed ? " stroke-dasharray=\"6 4\"" : "";
        svg.Append(Invariant($"<polyline points=\"{coordinates}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>"));
        if (style == LineStyle.SolidWithMarkers)
        {
            foreach ((double x, double y) in points)
            {
                svg.Append(Invariant($"<circle cx=\"{plot.ToPixelX(x):F1}\" cy=\"{plot.ToPixelY(y):F1}\" r=\"3\" fill=\"{color}\"/>"));
            }
        }
    }

    /// <summary>One line per series in the top-left corner of the plot, over a translucent white box.</summary>
    private void AppendLegend(StringBuilder svg)
    {
        int width = 24 + (7 * _series.Select(s => s.Name.Length).DefaultIfEmpty(0).Max()), height = (16 * _series.Count) + 6;
        svg.Append(Invariant($"<rect x=\"{Left + 6}\" y=\"{Top + 6}\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#cccccc\"/>"));
        int colored = 0;
        for (int i = 0; i < _series.Count; i++)
        {
            (string name, _, LineStyle style) = _series[i];
            string color = style == LineStyle.Dashed ? "#888888" : s_palette[colored++ % s_palette.Length];
            string dash = style == LineStyle.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            int y = Top + 18 + (16 * i);
            svg.Append(Invariant($"<line x1=\"{Left + 10}\" y1=\"{y - 4}\" x2=\"{Left + 26}\" y2=\"{y - 4}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>"));
            svg.Append(Invariant($"<text x=\"{Left + 30}\" y=\"{y}\" font-size=\"11\">{Encode(name)}</text>"));
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Maps data coordinates [X0, X1] × [Y0, Y1] to the pixel rectangle of the plot (y grows downwards).</summary>
    private readonly record struct PlotArea(double X0, double X1, double Y0, double Y1, int PixelLeft, int PixelRight, int PixelBottom, int PixelTop)
    {
        public double ToPixelX(double x) => PixelLeft + ((x - X0) / (X1 - X0) * (PixelRight - PixelLeft));

        public double ToPixelY(double y) => PixelBottom - ((y - Y0) / (Y1 - Y0) * (PixelBottom - PixelTop));
    }
}
