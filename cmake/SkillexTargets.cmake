# Shared settings for every Skillex target: warnings as errors, sanitizers, precompiled Qt headers.

set(SKILLEX_WARNINGS -Wall -Wextra -Wpedantic -Werror)

function(skillex_apply_settings target)
    target_compile_options(${target} PRIVATE ${SKILLEX_WARNINGS})
    target_compile_definitions(${target} PRIVATE QT_NO_URL_CAST_FROM_STRING)
    if(SKILLEX_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                 -fno-sanitize-recover=undefined)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

# A library per folder. PCH lists only Qt Core headers every target uses, so a
# Widgets-free library never pulls in Widgets through its precompiled header.
function(skillex_add_library name)
    cmake_parse_arguments(arg "" "" "SOURCES;PUBLIC_LINKS;PRIVATE_LINKS;PCH" ${ARGN})
    add_library(${name} STATIC ${arg_SOURCES})
    skillex_apply_settings(${name})
    target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
    target_link_libraries(${name} PUBLIC ${arg_PUBLIC_LINKS} PRIVATE ${arg_PRIVATE_LINKS})
    target_precompile_headers(${name} PRIVATE
        <QtCore/QString> <QtCore/QByteArray> <QtCore/QList> <QtCore/QHash>
        <QtCore/QJsonObject> <QtCore/QJsonArray> <QtCore/QJsonDocument> <QtCore/QObject>
        <QtCore/QDateTime> <QtCore/QVariant> <optional> <memory> <functional> ${arg_PCH})
endfunction()

function(skillex_add_executable name)
    cmake_parse_arguments(arg "" "" "SOURCES;LINKS" ${ARGN})
    add_executable(${name} ${arg_SOURCES})
    skillex_apply_settings(${name})
    target_link_libraries(${name} PRIVATE ${arg_LINKS})
endfunction()
