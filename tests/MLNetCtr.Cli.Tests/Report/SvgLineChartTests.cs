using System.Text.RegularExpressions;
using System.Xml.Linq;
using MLNetCtr.Cli.Report;

namespace MLNetCtr.Cli.Tests.Report;

public sealed class SvgLineChartTests
{
    [Fact]
    public void ToSvg_IsWellFormedXml_WithOnePolylinePerSeriesAndALegendEntryEach()
    {
        string svg = new SvgLineChart("Loss <per epoch>", "epoch", "loss")
            .Add("train", [(1, 0.5), (2, 0.4), (3, 0.35)])
            .Add("reference", [(1, 0.45), (3, 0.45)], LineStyle.Dashed)
            .ToSvg();

        XElement root = XElement.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(2, root.Descendants(ns + "polyline").Count());
        Assert.Equal(3, root.Descendants(ns + "circle").Count());              // markers on the solid series only
        Assert.Contains(root.Descendants(ns + "text"), t => t.Value == "Loss <per epoch>");   // escaped, then parsed back
        Assert.Contains(root.Descendants(ns + "text"), t => t.Value == "reference");
        Assert.Single(root.Descendants(ns + "polyline"), p => p.Attribute("stroke-dasharray") is not null);
    }

    [Fact]
    public void ToSvg_PointsMapIntoThePlotArea_HigherValuesHigherUp()
    {
        string svg = new SvgLineChart("t", "x", "y").WithXRange(0, 1).WithYRange(0, 1).Add("s", [(0, 0), (1, 1)], LineStyle.Solid).ToSvg();

        double[] coordinates = [.. Regex.Match(svg, "<polyline points=\"([^\"]+)\"").Groups[1].Value.Split(' ', ',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];

        Assert.Equal(4, coordinates.Length);
        Assert.True(coordinates[2] > coordinates[0], "x grows to the right");
        Assert.True(coordinates[3] < coordinates[1], "y grows upwards (smaller pixel row)");
    }

    [Fact]
    public void Add_NonFinitePoints_AreSkipped()
    {
        string svg = new SvgLineChart("t", "x", "y").Add("s", [(0.1, double.NaN), (0.2, 0.3), (double.PositiveInfinity, 1), (0.4, 0.5)]).ToSvg();

        Assert.Equal(2, Regex.Matches(svg, "<circle ").Count);
        Assert.DoesNotContain("NaN", svg);
        Assert.DoesNotContain("Infinity", svg);
    }
}
