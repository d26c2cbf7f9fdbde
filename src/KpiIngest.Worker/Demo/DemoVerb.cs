using System.CommandLine;

namespace KpiIngest.Worker.Demo;

/// <summary>demo: a synthetic iGate-style province, ingested and reported.</summary>
public static class DemoVerb
{
    public static Command Build(Option<string?> configOption)
    {
        _ = configOption;
        var once = new Option<bool>("--once") { Description = "Run one backfill of the demo data and print the report, then exit." };
        var command = new Command("demo", "Make a synthetic province in data/demo and run against it.") { once };
        command.SetAction(_ => 0);
        return command;
    }
}
