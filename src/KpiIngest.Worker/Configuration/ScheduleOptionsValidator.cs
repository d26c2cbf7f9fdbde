using Quartz;

namespace KpiIngest.Worker.Configuration;

/// <summary>Section Schedule: three Quartz cron expressions with seconds.</summary>
public sealed class ScheduleOptionsValidator : SectionValidator<ScheduleOptions>
{
    protected override void Check(ScheduleOptions options)
    {
        CheckCron(options.Poll, "Schedule:Poll");
        CheckCron(options.DayClose, "Schedule:DayClose");
        CheckCron(options.Reconcile, "Schedule:Reconcile");
    }

    private static void CheckCron(string expression, string key) =>
        Require(IsCron(expression),
            $"{key} '{expression}' is not a valid Quartz cron expression (with seconds, e.g. 0 0/15 * * * ?).");

    private static bool IsCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
