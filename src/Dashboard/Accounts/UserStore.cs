using System.Text.Json;
using CommandCenter.Hosting;
using CommandCenter.Secrets;
using Microsoft.AspNetCore.Identity;

namespace CommandCenter.Accounts;

/// <summary>
/// Local accounts in one JSON file under the data folder (Accounts:File, default users.json in the data root),
/// written atomically, owner-only (0600 in a 0700 folder). No default account exists: the first admin is made with `scripts/create-admin.sh`.
/// </summary>
public sealed class UserStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly string _file;
    private readonly Lock _gate = new();
    private readonly PasswordHasher<UserAccount> _hasher = new();
    private Dictionary<string, UserAccount> _users;

    public UserStore(IConfiguration config)
    {
        _file = Path.GetFullPath(config["Accounts:File"] ?? Path.Combine(config[DataRoot.Key] ?? ".data", "users.json"));
        SecretFile.Tighten(_file); // a file an older version (or a copy) left readable by others
        _users = File.Exists(_file)
            ? JsonSerializer.Deserialize<List<UserAccount>>(File.ReadAllText(_file), Json)!.ToDictionary(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            : new(StringComparer.OrdinalIgnoreCase);
    }

    public int Count { get { lock (_gate) return _users.Count; } }

    public IReadOnlyList<UserAccount> All() { lock (_gate) return _users.Values.OrderBy(u => u.UserName).ToList(); }

    public UserAccount? Find(string userName) { lock (_gate) return _users.GetValueOrDefault(userName); }

    /// <summary>Creates or replaces an account (admin work); the password is hashed here and never kept.</summary>
    public UserAccount Save(string userName, string displayName, string role, string password)
    {
        if (!Roles.IsKnown(role)) throw new ArgumentException($"unknown role '{role}' (use {string.Join(", ", Roles.All)})");
        if (password.Length < 10) throw new ArgumentException("a password needs at least 10 characters");
        var user = new UserAccount(userName, displayName, role, "");
        user = user with { PasswordHash = _hasher.HashPassword(user, password) };
        lock (_gate) { _users[userName] = user; Persist(); }
        return user;
    }

    public bool Verify(UserAccount user, string password) =>
        _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>Removes an account; refuses (with the reason) to remove the caller's own account or the last admin.</summary>
    public string? Delete(string userName, string byUser)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(userName, out var user)) return $"no account {userName}";
            if (string.Equals(userName, byUser, StringComparison.OrdinalIgnoreCase)) return "you cannot remove your own account";
            if (user.Role == Roles.Admin && _users.Values.Count(u => u.Role == Roles.Admin) == 1) return "the last admin cannot be removed";
            _users.Remove(userName);
            Persist();
            return null;
        }
    }

    public void Update(UserAccount user)
    {
        lock (_gate) { _users[user.UserName] = user; Persist(); }
    }

    private void Persist()
    {
        SecretFile.WriteAllText(_file, JsonSerializer.Serialize(_users.Values.ToList(), Json));
    }
}
