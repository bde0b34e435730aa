#include "common/config/meter_config.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "common/config/config_text.h"
#include "common/config/named_secret.h"

namespace ebill {

namespace {

constexpr std::size_t kMaxNameBytes = 128;

using Error = Failure<ConfigError>;

Error error(std::string message) { return fail(ConfigError{std::move(message)}); }

bool valid_name(std::string_view name) {
  return name.size() <= kMaxNameBytes &&
         std::none_of(name.begin(), name.end(),
                      [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

const char* kIdRule = "must be 1-64 ASCII letters or digits";

struct ChannelSpec {
  ChannelType type;
  std::string_view name;
  std::string_view required;  // field that must be present
  std::string_view also;      // a second required field ("" = none)
};

constexpr std::array kChannels = {
    ChannelSpec{ChannelType::kServerChan, "serverchan", "key", ""},
    ChannelSpec{ChannelType::kWebhook, "webhook", "url", ""},
    ChannelSpec{ChannelType::kNtfy, "ntfy", "topic", ""},
    ChannelSpec{ChannelType::kBark, "bark", "key", ""},
    ChannelSpec{ChannelType::kPushPlus, "pushplus", "token", ""},
    ChannelSpec{ChannelType::kWeCom, "wecom", "key", ""},
    ChannelSpec{ChannelType::kDingTalk, "dingtalk", "token", ""},
    ChannelSpec{ChannelType::kFeishu, "feishu", "token", ""},
    ChannelSpec{ChannelType::kTelegram, "telegram", "token", "chat_id"},
    ChannelSpec{ChannelType::kWxPusher, "wxpusher", "token", ""},
    ChannelSpec{ChannelType::kEmail, "email", "url", "from"},
};

constexpr std::string_view kChannelNames =
    "serverchan, webhook, ntfy, bark, pushplus, wecom, dingtalk, feishu, telegram, wxpusher "
    "or email";

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A Telegram chat: a (possibly negative) number or @channelname.
bool valid_chat_id(std::string_view id) {
  if (!id.empty() && id[0] == '@') {
    return id.size() > 1 && id.size() <= 64 &&
           std::all_of(id.begin() + 1, id.end(), [](unsigned char c) {
             return std::isalnum(c) || c == '_';
           });
  }
  return is_digits(!id.empty() && id[0] == '-' ? id.substr(1) : id);
}

// A plain addr-spec: local@domain without spaces, brackets or commas.
bool valid_mail_address(std::string_view a) {
  const std::size_t at = a.find('@');
  return at != std::string_view::npos && at > 0 && at + 1 < a.size() &&
         a.find('@', at + 1) == std::string_view::npos && a.size() <= 254 &&
         std::none_of(a.begin(), a.end(), [](unsigned char c) {
           return c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == '"';
         });
}

bool is_smtp_url(std::string_view url) {
  for (std::string_view scheme : {"smtp://", "smtps://"}) {
    if (url.substr(0, scheme.size()) == scheme) {
      const std::string_view rest = url.substr(scheme.size());
      return !rest.empty() && rest[0] != '/' && rest[0] != ':' &&
             std::none_of(rest.begin(), rest.end(),
                          [](unsigned char c) { return c <= 0x20 || c == 0x7f; });
    }
  }
  return false;
}

// Reads DEVICES_JSON. Numbers are parsed as strings so that an id written
// as a JSON number keeps every digit.
class DevicesJsonReader {
 public:
  DevicesJsonReader(const Environment& env, std::vector<std::string>* warnings)
      : env_(env), warnings_(warnings) {}

  Result<std::vector<MeterConfig>, ConfigError> read(const std::string& json) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseNumbersAsStringsFlag>(json.c_str(), json.size());
    if (doc.HasParseError()) {
      return error(fmt::format("DEVICES_JSON: not valid JSON: {} at offset {}",
                               rapidjson::GetParseError_En(doc.GetParseError()),
                               doc.GetErrorOffset()));
    }
    if (!doc.IsArray()) return error("DEVICES_JSON: must be a JSON array of meter objects");
    std::vector<MeterConfig> meters;
    std::set<std::string, std::less<>> seen;
    for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
      const std::string where = fmt::format("DEVICES_JSON[{}]", i);
      auto meter = entry(doc[i], where);
      if (!meter) return fail(meter.error());
      if (!seen.insert(meter->id).second) {
        return error(fmt::format("{}.id: meter {} is listed twice", where, meter->id));
      }
      meters.push_back(std::move(meter).value());
    }
    return meters;
  }

 private:
  using Object = rapidjson::Value::ConstObject;

  // A string field (or a JSON number, kept as its text); absent = nullopt.
  Result<std::optional<std::string>, ConfigError> field(const Object& o, const char* key,
                                                        const std::string& where) {
    const auto it = o.FindMember(key);
    if (it == o.MemberEnd() || it->value.IsNull()) return std::optional<std::string>();
    if (!it->value.IsString()) return error(fmt::format("{}.{}: must be a string", where, key));
    return std::optional<std::string>(
        std::string(it->value.GetString(), it->value.GetStringLength()));
  }

  // A secret given directly as `key` or by name as `key_env`, resolved from
  // the environment. Never echoes the secret.
  Result<std::optional<std::string>, ConfigError> secret(const Object& o, const std::string& key,
                                                         const std::string& where) {
    const std::string env_key = key + "_env";
    auto direct = field(o, key.c_str(), where);
    if (!direct) return direct;
    auto by_name = field(o, env_key.c_str(), where);
    if (!by_name) return by_name;
    if (direct->has_value() && by_name->has_value()) {
      return error(fmt::format("{}: give {} or {}, not both", where, key, env_key));
    }
    if (by_name->has_value()) {
      auto named = secret_named_by(env_, **by_name);
      if (!named) return error(fmt::format("{}.{}: {}", where, env_key, named.error()));
      return std::optional<std::string>(std::move(named).value());
    }
    if (direct->has_value() && (*direct)->empty()) {
      return error(fmt::format("{}.{}: must not be empty", where, key));
    }
    return direct;
  }

  // A list given as a JSON array of strings or as one comma separated
  // string (directly or as `key_env`); items trimmed, empty ones skipped.
  Result<std::vector<std::string>, ConfigError> list(const Object& o, const std::string& key,
                                                     const std::string& where) {
    std::vector<std::string> out;
    const auto it = o.FindMember(key.c_str());
    if (it != o.MemberEnd() && it->value.IsArray()) {
      for (const auto& item : it->value.GetArray()) {
        if (!item.IsString()) {
          return error(fmt::format("{}.{}: must be an array of strings", where, key));
        }
        const std::string v = trim(std::string(item.GetString(), item.GetStringLength()));
        if (!v.empty()) out.push_back(v);
      }
      if (o.HasMember((key + "_env").c_str())) {
        return error(fmt::format("{}: give {} or {}_env, not both", where, key, key));
      }
      return out;
    }
    auto text = secret(o, key, where);
    if (!text) return fail(text.error());
    if (text->has_value()) {
      for (std::string& v : split_trimmed(**text, ',')) {
        if (!v.empty()) out.push_back(std::move(v));
      }
    }
    return out;
  }

  // Rules on the values of a target whose required fields are present.
  static std::string check_target(const NotifyTarget& t, const std::string& where) {
    if (t.type != ChannelType::kEmail && !t.url.empty() && !is_http_url(t.url)) {
      return where + ".url: must be an http:// or https:// URL";
    }
    switch (t.type) {
      case ChannelType::kTelegram:
        if (!valid_chat_id(t.chat_id)) {
          return where + ".chat_id: must be a chat number (such as -1001234567890) or @channel";
        }
        break;
      case ChannelType::kWxPusher:
        if (t.uids.empty() && t.topic_ids.empty()) {
          return where + ": a wxpusher target needs \"uids\" or \"topic_ids\"";
        }
        for (const std::string& id : t.topic_ids) {
          if (!is_digits(id)) return where + ".topic_ids: each must be a number";
        }
        break;
      case ChannelType::kEmail:
        if (!is_smtp_url(t.url)) {
          return where + ".url: must be an smtp:// (STARTTLS) or smtps:// (TLS) URL";
        }
        if (t.to.empty()) return where + ": an email target needs \"to\" or \"to_env\"";
        if (!valid_mail_address(t.from)) return where + ".from: must be an address like a@b.example";
        for (const std::string& a : t.to) {
          if (!valid_mail_address(a)) return where + ".to: each must be an address like a@b.example";
        }
        if (t.user.empty() != t.password.empty()) {
          return where + ": give both \"user\" and \"password\" (or _env), or neither";
        }
        break;
      default:
        break;
    }
    return "";
  }

  void warn_unknown(const Object& o, const std::string& where,
                    std::initializer_list<std::string_view> known) {
    for (const auto& m : o) {
      const std::string_view k(m.name.GetString(), m.name.GetStringLength());
      if (std::find(known.begin(), known.end(), k) == known.end()) {
        warnings_->push_back(fmt::format("{}: ignoring unknown key \"{}\"", where, k.substr(0, 40)));
      }
    }
  }

  Result<NotifyTarget, ConfigError> target(const rapidjson::Value& v, const std::string& where) {
    if (!v.IsObject()) return error(where + ": must be an object with a \"type\"");
    const Object o = v.GetObject();
    auto type = field(o, "type", where);
    if (!type) return fail(type.error());
    if (!type->has_value()) return error(where + ".type: is missing");
    const auto spec = std::find_if(kChannels.begin(), kChannels.end(),
                                   [&](const ChannelSpec& c) { return c.name == **type; });
    if (spec == kChannels.end()) {
      return error(fmt::format("{}.type: must be {} (got \"{}\")", where, kChannelNames,
                               type->value().substr(0, 40)));
    }
    NotifyTarget t;
    t.type = spec->type;
    const std::array<std::pair<std::string, std::string*>, 9> fields = {{
        {"key", &t.key}, {"token", &t.token}, {"url", &t.url}, {"topic", &t.topic},
        {"secret", &t.secret}, {"chat_id", &t.chat_id}, {"user", &t.user},
        {"password", &t.password}, {"from", &t.from}}};
    for (const auto& [name, out] : fields) {
      auto value = secret(o, name, where);
      if (!value) return fail(value.error());
      if (value->has_value()) *out = std::move(**value);
    }
    const std::array<std::pair<std::string, std::vector<std::string>*>, 3> lists = {{
        {"to", &t.to}, {"uids", &t.uids}, {"topic_ids", &t.topic_ids}}};
    for (const auto& [name, out] : lists) {
      auto value = list(o, name, where);
      if (!value) return fail(value.error());
      *out = std::move(value).value();
    }
    const auto present = [&](std::string_view f) {
      for (const auto& [name, out] : fields) {
        if (name == f) return !out->empty();
      }
      for (const auto& [name, out] : lists) {
        if (name == f) return !out->empty();
      }
      return false;
    };
    for (std::string_view need : {spec->required, spec->also}) {
      if (!need.empty() && !present(need)) {
        return error(fmt::format("{}: a {} target needs \"{}\" or \"{}_env\"", where,
                                 spec->name, need, need));
      }
    }
    if (auto wrong = check_target(t, where); !wrong.empty()) return error(std::move(wrong));
    warn_unknown(o, where, {"type", "key", "key_env", "token", "token_env", "url", "url_env",
                            "topic", "topic_env", "secret", "secret_env", "chat_id",
                            "chat_id_env", "user", "user_env", "password", "password_env",
                            "from", "from_env", "to", "to_env", "uids", "uids_env",
                            "topic_ids", "topic_ids_env"});
    return t;
  }

  Result<MeterConfig, ConfigError> entry(const rapidjson::Value& v, const std::string& where) {
    if (!v.IsObject()) return error(where + ": must be an object with an \"id\"");
    const Object o = v.GetObject();
    MeterConfig m;
    auto id = field(o, "id", where);
    if (!id) return fail(id.error());
    if (!id->has_value()) return error(where + ".id: is missing");
    m.id = trim(**id);
    if (!valid_meter_id(m.id)) {
      return error(fmt::format("{}.id: {} {}", where, kIdRule, shown_value(m.id, false)));
    }
    auto name = field(o, "name", where);
    if (!name) return fail(name.error());
    m.name = name->has_value() ? trim(**name) : std::string();
    if (!valid_name(m.name)) {
      return error(fmt::format("{}.name: must be at most {} bytes without control characters",
                               where, kMaxNameBytes));
    }
    if (m.name.empty()) m.name = m.id;
    auto group = field(o, "group", where);
    if (!group) return fail(group.error());
    m.group = group->has_value() ? trim(**group) : std::string();
    if (!valid_name(m.group)) {
      return error(fmt::format("{}.group: must be at most {} bytes without control characters",
                               where, kMaxNameBytes));
    }
    auto legacy = secret(o, "server_chan_key", where);
    if (!legacy) return fail(legacy.error());
    if (legacy->has_value()) {
      NotifyTarget t;
      t.key = std::move(**legacy);
      m.notify.push_back(std::move(t));
    }
    auto alert = field(o, "alert_balance_kwh", where);
    if (!alert) return fail(alert.error());
    if (alert->has_value()) {
      const auto kwh = parse_hundredths(**alert);
      if (!kwh || *kwh < 0) {
        return error(fmt::format("{}.alert_balance_kwh: must be a number of kWh, at least 0, "
                                 "with at most two decimals {}", where, shown_value(**alert, false)));
      }
      m.alert_balance_kwh = *kwh;
    }
    const auto notify = o.FindMember("notify");
    if (notify != o.MemberEnd() && !notify->value.IsNull()) {
      if (!notify->value.IsArray()) return error(where + ".notify: must be an array of targets");
      for (rapidjson::SizeType j = 0; j < notify->value.Size(); ++j) {
        auto t = target(notify->value[j], fmt::format("{}.notify[{}]", where, j));
        if (!t) return fail(t.error());
        m.notify.push_back(std::move(t).value());
      }
    }
    warn_unknown(o, where, {"id", "name", "group", "server_chan_key", "server_chan_key_env",
                            "alert_balance_kwh", "notify"});
    return m;
  }

  const Environment& env_;
  std::vector<std::string>* warnings_;
};

// METERS=id:name,id:name (the name is optional; it may contain ':').
Result<std::vector<MeterConfig>, ConfigError> parse_meters_list(std::string_view text) {
  std::vector<MeterConfig> meters;
  std::set<std::string, std::less<>> seen;
  int index = 0;
  for (const std::string& item : split_trimmed(text, ',')) {
    ++index;
    if (item.empty()) continue;
    const auto colon = item.find(':');
    MeterConfig m;
    m.id = trim(item.substr(0, colon));
    m.name = colon == std::string::npos ? std::string() : trim(item.substr(colon + 1));
    if (!valid_meter_id(m.id)) {
      return error(fmt::format("METERS: entry {}: meter id {} {}", index, kIdRule,
                               shown_value(m.id, false)));
    }
    if (!valid_name(m.name)) {
      return error(fmt::format("METERS: entry {}: name must be at most {} bytes without control "
                               "characters", index, kMaxNameBytes));
    }
    if (m.name.empty()) m.name = m.id;
    if (!seen.insert(m.id).second) {
      return error(fmt::format("METERS: meter {} is listed twice", m.id));
    }
    meters.push_back(std::move(m));
  }
  return meters;
}

std::string value_of(const Environment& env, std::string_view name) {
  const auto it = env.find(name);
  return it == env.end() ? std::string() : trim(it->second);
}

}  // namespace

std::string_view channel_name(ChannelType type) {
  for (const ChannelSpec& c : kChannels) {
    if (c.type == type) return c.name;
  }
  return "?";
}

Result<std::vector<MeterConfig>, ConfigError> meters_from_environment(
    const Environment& env, std::vector<std::string>* warnings) {
  std::vector<MeterConfig> meters;
  if (const std::string json = value_of(env, "DEVICES_JSON"); !json.empty()) {
    auto from_json = DevicesJsonReader(env, warnings).read(json);
    if (!from_json) return from_json;
    meters = std::move(from_json).value();
  }
  auto listed = parse_meters_list(value_of(env, "METERS"));
  if (!listed) return listed;
  for (MeterConfig& m : listed.value()) {
    const bool known = std::any_of(meters.begin(), meters.end(),
                                   [&](const MeterConfig& x) { return x.id == m.id; });
    if (known) {
      warnings->push_back(fmt::format("METERS: meter {} is already in DEVICES_JSON; "
                                      "using the DEVICES_JSON entry", m.id));
    } else {
      meters.push_back(std::move(m));
    }
  }
  const std::string default_id = value_of(env, "DEFAULT_DEVICE_ID");
  const std::string default_name = value_of(env, "DEFAULT_DEVICE_NAME");
  if (default_id.empty()) {
    if (!default_name.empty()) {
      warnings->push_back("DEFAULT_DEVICE_NAME: ignored because DEFAULT_DEVICE_ID is not set");
    }
    return meters;
  }
  if (!valid_meter_id(default_id)) {
    return error(fmt::format("DEFAULT_DEVICE_ID: {} {}", kIdRule, shown_value(default_id, false)));
  }
  if (!valid_name(default_name)) {
    return error(fmt::format("DEFAULT_DEVICE_NAME: must be at most {} bytes without control "
                             "characters", kMaxNameBytes));
  }
  if (!meters.empty()) {
    const bool listed_already = std::any_of(meters.begin(), meters.end(),
                                            [&](const MeterConfig& x) { return x.id == default_id; });
    if (!listed_already) {
      warnings->push_back(fmt::format("DEFAULT_DEVICE_ID: meter {} ignored because DEVICES_JSON "
                                      "or METERS list the meters", default_id));
    }
    return meters;
  }
  meters.push_back(MeterConfig{default_id, default_name.empty() ? default_id : default_name, {}, {}});
  return meters;
}

}  // namespace ebill
