namespace CommandCenter.Accounts;

/// <summary>Checks a password with lockout: after MaxFailures wrong passwords the account is locked for LockFor.</summary>
public sealed class SignInService(UserStore users, TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    public enum Result { Ok, Wrong, LockedOut }

    public (Result Result, UserAccount? User) Check(string userName, string password)
    {
        var user = users.Find(userName);
        var now = time.GetUtcNow();
        if (user is null) return (Result.Wrong, null);
        if (user.LockedUntil is { } until && until > now) return (Result.LockedOut, user);
        if (users.Verify(user, password))
        {
            users.Update(user with { FailedAttempts = 0, LockedUntil = null });
            return (Result.Ok, user);
        }
        var failures = user.FailedAttempts + 1;
        var locked = failures >= MaxFailures;
        users.Update(user with { FailedAttempts = locked ? 0 : failures, LockedUntil = locked ? now + LockFor : null });
        return (locked ? Result.LockedOut : Result.Wrong, user);
    }
}
