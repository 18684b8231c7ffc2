// Reading members of nlohmann values without an accessor that can abort.
#include "authing/json.h"

#include <cmath>

namespace authing {

const json* member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> string_member(const json& object, std::string_view key) {
  const json* value = member(object, key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get_ref<const std::string&>();
}

std::optional<double> number_member(const json& object, std::string_view key) {
  const json* value = member(object, key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  // Every caller reads a time, a length, a delay or a code: ±Infinity, which
  // the reader gives for numbers beyond double range, is none of them.
  double number = value->get<double>();
  if (!std::isfinite(number)) return std::nullopt;
  return number;
}

bool is_integral_number(const json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  double number = value.get<double>();
  return std::isfinite(number) && std::floor(number) == number;
}

}  // namespace authing
