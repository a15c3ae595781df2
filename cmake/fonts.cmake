# The widget's typeface, made at build time (never committed): Debian's static Inter OTFs
# (fonts-inter) cut down by cmake/make-font.py (fontTools, from python3-fonttools) and embedded as
# byte arrays by cmake/embed-fonts.cmake. Defines ketascreen_add_fonts(<target>), which adds the
# generated font_data.cpp to <target>, and KETASCREEN_FONT_SEMIBOLD=0/1 to its definitions. The
# generated source defines what widgets/src/fonts.cpp declares: the fonts and the code point
# ranges below (kept in this one place).

# Code points the fonts carry and ImGui rasterises: Basic Latin, Latin-1 and the typographic
# punctuation the content uses (en/em dash, curly quotes, bullet, ellipsis). Adding a range here
# costs gzip bytes once per weight; see the size notes in widgets/src/fonts.cpp.
set(KETASCREEN_FONT_RANGES
  0x0020-0x007E   # Basic Latin
  0x00A0-0x00FF   # Latin-1 Supplement
  0x2013-0x2014   # en dash, em dash
  0x2018-0x2019   # single quotes
  0x201C-0x201D   # double quotes
  0x2022-0x2022   # bullet
  0x2026-0x2026)  # ellipsis
# Outline units per em in the embedded fonts (Inter has 2816); see cmake/make-font.py.
set(KETASCREEN_FONT_UPEM 256)

set(KETASCREEN_INTER_DIR "/usr/share/fonts/opentype/inter" CACHE PATH "Debian fonts-inter's OTF directory")
# The size lever: SemiBold (strong text, headings) costs ~6.5 KB gzip on top of Regular's ~7.3 KB.
# OFF embeds Regular only, and strong text and headings use it too (headings still by size).
option(KETASCREEN_FONT_SEMIBOLD "embed Inter SemiBold for strong text and headings" ON)
set(_ks_font_weights Regular)
if(KETASCREEN_FONT_SEMIBOLD)
  list(APPEND _ks_font_weights SemiBold)
endif()
foreach(_w IN LISTS _ks_font_weights)
  if(NOT EXISTS "${KETASCREEN_INTER_DIR}/Inter-${_w}.otf")
    message(FATAL_ERROR "fonts: ${KETASCREEN_INTER_DIR}/Inter-${_w}.otf not found: install Debian's "
      "fonts-inter (apt-get install fonts-inter, or run scripts/bootstrap-deps.sh --native)")
  endif()
endforeach()

# A Python 3 with fontTools. Debian's python3-fonttools is a module for /usr/bin/python3 (it has
# no pyftsubset command); a python3 earlier on PATH (pyenv, venv) usually lacks it.
if(NOT KETASCREEN_FONT_PYTHON)
  foreach(_py /usr/bin/python3 python3)
    unset(_ks_py CACHE)
    find_program(_ks_py NAMES "${_py}" NO_CMAKE_FIND_ROOT_PATH)
    if(_ks_py)
      execute_process(COMMAND "${_ks_py}" -c "import fontTools.fontBuilder, fontTools.pens.t2CharStringPen"
        RESULT_VARIABLE _ks_rc OUTPUT_QUIET ERROR_QUIET)
      if(_ks_rc EQUAL 0)
        set(KETASCREEN_FONT_PYTHON "${_ks_py}" CACHE FILEPATH "Python 3 with fontTools (python3-fonttools)")
        break()
      endif()
    endif()
  endforeach()
  unset(_ks_py CACHE)
  if(NOT KETASCREEN_FONT_PYTHON)
    message(FATAL_ERROR "fonts: no Python 3 with fontTools found: install Debian's python3-fonttools "
      "(apt-get install python3-fonttools, or run scripts/bootstrap-deps.sh --native)")
  endif()
endif()

function(ketascreen_add_fonts target)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/fonts")
  string(REPLACE ";" "," unicodes "${KETASCREEN_FONT_RANGES}")
  set(make_font "${PROJECT_SOURCE_DIR}/cmake/make-font.py")
  set(embed "${PROJECT_SOURCE_DIR}/cmake/embed-fonts.cmake")
  set(otfs "")
  set(embed_args "")
  foreach(w IN LISTS _ks_font_weights)
    string(TOLOWER "${w}" lw)
    set(otf "${out_dir}/inter-${lw}.otf")
    add_custom_command(OUTPUT "${otf}"
      COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
      COMMAND "${KETASCREEN_FONT_PYTHON}" "${make_font}" "${KETASCREEN_INTER_DIR}/Inter-${w}.otf" "${otf}"
              --unicodes "${unicodes}" --upem ${KETASCREEN_FONT_UPEM}
      DEPENDS "${make_font}" "${KETASCREEN_INTER_DIR}/Inter-${w}.otf" "${PROJECT_SOURCE_DIR}/cmake/fonts.cmake"
      COMMENT "fonts: Inter ${w} for the widget"
      VERBATIM)
    list(APPEND otfs "${otf}")
    list(APPEND embed_args "-DFONT_${w}=${otf}")
  endforeach()
  set(cpp "${out_dir}/font_data.cpp")
  add_custom_command(OUTPUT "${cpp}"
    COMMAND "${CMAKE_COMMAND}" ${embed_args} "-DRANGES=${unicodes}" "-DOUTPUT=${cpp}" -P "${embed}"
    DEPENDS ${otfs} "${embed}"
    COMMENT "fonts: embedding into font_data.cpp"
    VERBATIM)
  target_sources(${target} PRIVATE "${cpp}")
  if(KETASCREEN_FONT_SEMIBOLD)
    target_compile_definitions(${target} PRIVATE KETASCREEN_FONT_SEMIBOLD=1)
  else()
    target_compile_definitions(${target} PRIVATE KETASCREEN_FONT_SEMIBOLD=0)
  endif()
endfunction()
