#include "inbox_style.hpp"

namespace ketascreen::server {
namespace {

// Colours meet WCAG AA (4.5:1) for text on their backgrounds: #1f2933 on #fff is 14.7:1,
// #3e4c59 on #fff 9.3:1, #0b5cad links 6.6:1, the outcome badges' text 7:1 or more on their tints.
constexpr const char* kCss = R"CSS(
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:100%;line-height:1.5;color:#1f2933;background:#f5f7fa}
body{margin:0}
a{color:#0b5cad}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
.skip{position:absolute;left:-999px}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #cbd2d9}
.brand{font-weight:700}
header nav{display:flex;gap:1rem;flex-wrap:wrap}
header nav a{text-decoration:none;padding:.25rem 0}
header nav a[aria-current=page]{font-weight:700;border-bottom:3px solid #0b5cad}
.logout{margin-left:auto;display:flex;align-items:center;gap:.5rem}
.who{color:#3e4c59}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
h3{font-size:1rem;margin:1rem 0 .25rem}
button{font:inherit;min-height:2.75rem;padding:.5rem 1rem;border:0;border-radius:.375rem;background:#0b5cad;color:#fff;cursor:pointer}
.logout button{background:#fff;color:#0b5cad;border:1px solid #0b5cad;min-height:2.25rem;padding:.25rem .75rem}
input,select,textarea{font:inherit;min-height:2.75rem;padding:.5rem;border:1px solid #7b8794;border-radius:.375rem;background:#fff;color:#1f2933;width:100%}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.hint{color:#3e4c59;font-weight:400;font-size:.9rem}
.login{max-width:24rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:.5rem;border:1px solid #cbd2d9}
.login button{width:100%;margin-top:1rem}
.error{background:#fde8e8;color:#8a1c1c;padding:.75rem;border-radius:.375rem}
.notice{background:#e8f1fb;color:#123f6b;padding:.75rem;border-radius:.375rem}
.alert{background:#fde8e8;color:#8a1c1c;padding:.75rem;border-radius:.375rem;font-weight:600}
.summary{color:#3e4c59}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;background:#fff;padding:.75rem;border:1px solid #cbd2d9;border-radius:.5rem}
.filters label{margin:0 0 .25rem}
.filters select{width:auto;min-width:12rem}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #cbd2d9;border-radius:.5rem}
th,td{text-align:left;padding:.6rem .75rem;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{background:#f0f4f8;font-size:.9rem}
tr.status-new td:first-child{border-left:4px solid #0b5cad}
.outcome{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-size:.9rem;font-weight:600;background:#e4e7eb;color:#1f2933}
.outcome-urgent_help{background:#fde8e8;color:#8a1c1c}
.outcome-not_suitable_now{background:#fdf0e1;color:#7a3e00}
.outcome-discuss_with_provider{background:#fff6d6;color:#5c4400}
.outcome-likely_candidate{background:#e3f6ea;color:#14532d}
.pages{display:flex;gap:1rem;margin:1rem 0}
.columns{display:grid;grid-template-columns:1fr;gap:0 2rem}
@media (min-width:60rem){.columns{grid-template-columns:1fr 1fr}}
section{background:#fff;border:1px solid #cbd2d9;border-radius:.5rem;padding:.25rem 1rem 1rem;margin-bottom:1rem}
dl{margin:0}
.field{display:grid;grid-template-columns:minmax(8rem,40%) 1fr;gap:.5rem;padding:.4rem 0;border-bottom:1px solid #e4e7eb}
.field:last-child{border-bottom:0}
dt{color:#3e4c59}
dd{margin:0;overflow-wrap:anywhere;font-weight:600}
.flags{padding-left:1.25rem}
.flag{margin:.5rem 0}
.raised{color:#3e4c59}
.notes{list-style:none;padding:0}
.notes li{border-bottom:1px solid #e4e7eb;padding:.25rem 0}
.notes p{margin:.25rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.meta{color:#3e4c59;font-size:.9rem}
.status button,.note button,.answer button,.reassign button{margin-top:.75rem}
.answer{margin:.75rem 0}
fieldset{border:1px solid #cbd2d9;border-radius:.375rem;margin:.75rem 0;padding:.25rem .75rem .75rem}
legend{font-weight:600;padding:0 .25rem}
.chain{padding-left:1.25rem}
.chain li{margin:.5rem 0}
.outbox h2{overflow-wrap:anywhere}
td{overflow-wrap:anywhere}
@media (max-width:40rem){
 table,thead,tbody,tr,td{display:block}
 thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 tr{border-bottom:1px solid #cbd2d9;padding:.5rem 0}
 td{border:0;padding:.2rem .75rem;display:grid;grid-template-columns:7rem 1fr;gap:.5rem}
 td::before{content:attr(data-label);color:#3e4c59;font-size:.9rem}
 tr.status-new td:first-child{border-left:0}
 tr.status-new{border-left:4px solid #0b5cad}
 .field{grid-template-columns:1fr;gap:0}
 .filters select{width:100%}
 .filters{display:block}
}
)CSS";

// A plain mark, so browsers do not ask for /favicon.ico (a 404 in every log).
constexpr const char* kIcon =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" "
    "fill=\"#0b5cad\"/><path d=\"M8 17l5 5 11-12\" stroke=\"#fff\" stroke-width=\"4\" fill=\"none\"/></svg>";

Response asset(const char* body, const char* type) {
  Response r;
  r.body = body;
  r.set("Content-Type", type);
  r.set("Cache-Control", "public, max-age=3600");
  r.set("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace

Response inbox_icon() { return asset(kIcon, "image/svg+xml"); }

Response inbox_stylesheet() { return asset(kCss, "text/css; charset=utf-8"); }

}  // namespace ketascreen::server
