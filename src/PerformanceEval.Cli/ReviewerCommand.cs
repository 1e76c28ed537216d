using System.CommandLine;
using System.Text;
using PerformanceEval.Storage;

namespace PerformanceEval.Cli;

/// <summary><c>perfeval reviewer add NAME [--db]</c>: a reviewer who signs in to the review page.</summary>
internal static class ReviewerCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The reviewer's name as decisions will record it (审核人)." };

    public static Command Create()
    {
        var add = new Command("add",
            "Register a reviewer, or give one a new password. The password is read from standard input (asked for twice, " +
            "without echo, on a terminal; the first line when piped). Once any reviewer is registered, the review page asks " +
            "everyone to sign in and records each decision under the name signed in.")
        {
            StoreOptions.Db, Name,
        };
        add.SetAction(p => Add(p.GetValue(StoreOptions.Db)!, p.GetValue(Name)!));
        return new Command("reviewer", "The reviewers who sign in to the review page.") { add };
    }

    private static int Add(string db, string name)
    {
        string? password;
        if (Console.IsInputRedirected) password = Console.In.ReadLine();
        else
        {
            password = Prompt("密码：");
            if (Prompt("再输入一次：") != password)
            {
                Console.Error.WriteLine("error: the two passwords differ; nothing was changed");
                return ExitCodes.Usage;
            }
        }
        try
        {
            FormStore.Open(db).SetReviewer(name, password ?? "");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        Console.Error.WriteLine($"reviewer {name.Trim()} can sign in to the review page of {db}");
        return ExitCodes.Ok;
    }

    /// <summary>A line typed without echo.</summary>
    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var typed = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return typed.ToString();
    }
}
