#pragma once
// CSV for spreadsheets (RFC 4180, CRLF), with the formula-injection guard OWASP recommends: a
// cell a visitor typed that starts with = + - @ or a tab/CR is prefixed with ' so Excel, Numbers
// and LibreOffice show it as text instead of running it.

#include <string>
#include <string_view>
#include <vector>

namespace ketascreen::server {

std::string csv_cell(std::string_view text);
std::string csv_row(const std::vector<std::string>& cells);

}  // namespace ketascreen::server
