# Install rules and Debian packages: `cpack -G DEB` in a build folder makes
#   consent-kiosk  kiosk, kioskctl, their systemd units, udev rules, USBGuard policy, the
#                  unenrolled placeholder config, /etc/consent-kiosk and the data folder
#   consent-hq     the head-office server, its unit and an example config (once the target exists)
# The kiosk image (image/build.sh) installs consent-kiosk; tests/image checks both packages
# install into a clean Debian root. Paths are Debian 12's (merged /usr).

set(_image ${PROJECT_SOURCE_DIR}/image)
set(_package ${PROJECT_SOURCE_DIR}/config/package)

# --- consent-kiosk ---------------------------------------------------------------------------
install(TARGETS kiosk kioskctl RUNTIME DESTINATION bin COMPONENT kiosk)
install(FILES ${_image}/systemd/consent-kiosk.service ${_image}/systemd/consent-kiosk-ready.service
              ${_image}/systemd/consent-kiosk-enroll.service
        DESTINATION lib/systemd/system COMPONENT kiosk)
install(FILES ${_image}/systemd/consent-kiosk.tmpfiles DESTINATION lib/tmpfiles.d RENAME consent-kiosk.conf
        COMPONENT kiosk)
install(PROGRAMS ${_image}/libexec/first-frame-marker ${_image}/libexec/enroll-from-boot-partition
        DESTINATION lib/consent-kiosk COMPONENT kiosk)
install(FILES ${_image}/udev/70-consent-kiosk-devices.rules DESTINATION lib/udev/rules.d COMPONENT kiosk)
# USBGuard reads only rule files that are root's alone.
install(FILES ${_image}/usbguard/50-consent-kiosk.conf DESTINATION /etc/usbguard/rules.d
        PERMISSIONS OWNER_READ OWNER_WRITE COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/config/kiosk-unenrolled.toml ${PROJECT_SOURCE_DIR}/config/kiosk.toml
        DESTINATION share/consent-kiosk COMPONENT kiosk)
install(FILES ${_image}/README.md DESTINATION share/doc/consent-kiosk COMPONENT kiosk)
# The root file system is read-only on a kiosk: the configuration lives on the data partition,
# and /etc/consent-kiosk/kiosk.toml points there for whoever looks in /etc.
file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/packaging)
file(CREATE_LINK /var/lib/consent-kiosk/kiosk.toml ${PROJECT_BINARY_DIR}/packaging/kiosk.toml SYMBOLIC)
install(FILES ${PROJECT_BINARY_DIR}/packaging/kiosk.toml DESTINATION /etc/consent-kiosk COMPONENT kiosk)
install(DIRECTORY DESTINATION /var/lib/consent-kiosk COMPONENT kiosk)

# --- consent-hq ------------------------------------------------------------------------------
set(_components kiosk)
if(TARGET consent-hq)
  list(APPEND _components hq)
  install(TARGETS consent-hq RUNTIME DESTINATION bin COMPONENT hq)
  install(FILES ${_package}/consent-hq/consent-hq.service DESTINATION lib/systemd/system COMPONENT hq)
  install(FILES ${PROJECT_SOURCE_DIR}/config/hq-deploy.md DESTINATION share/doc/consent-hq COMPONENT hq)
  if(EXISTS ${PROJECT_SOURCE_DIR}/config/hq.toml)
    install(FILES ${PROJECT_SOURCE_DIR}/config/hq.toml DESTINATION share/doc/consent-hq/examples COMPONENT hq)
  endif()
endif()

# --- CPack -----------------------------------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME consent-kiosk)
set(CPACK_PACKAGE_VENDOR "Smart-Cell")
set(CPACK_PACKAGE_CONTACT "Consent kiosk team <kiosk-team@smart-cell.invalid>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL ${_components})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
# Shared-library dependencies from dpkg-shlibdeps; programs they run are listed by hand.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_STRIP_FILES ON)
# /etc/consent-kiosk and /var/lib/consent-kiosk are ours; /etc/usbguard/rules.d is shared.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME consent-kiosk)
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
    "Touchscreen consent kiosk\nThe kiosk program, kioskctl (the field tech's tool), and what a kiosk\nimage needs around them: systemd units (a cage session running the kiosk full screen), udev\nrules for the scanner and receipt printer, and a USBGuard policy.")
# cage and seatd run the session; the font is the UI's; passwd makes the kiosk user; tzdata gives
# receipts the store's local time.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "cage, seatd, fonts-dejavu-core, passwd, tzdata")
# SDL's Wayland driver needs libGL (GLVND) and Mesa to open a window at all: a kiosk image installs
# them; a machine that runs only kioskctl needs none of them.
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "usbguard, libgl1, libopengl0, libgl1-mesa-dri, libegl-mesa0")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    ${_package}/consent-kiosk/postinst ${_package}/consent-kiosk/postrm ${_package}/consent-kiosk/conffiles)

set(CPACK_DEBIAN_HQ_PACKAGE_NAME consent-hq)
set(CPACK_COMPONENT_HQ_DESCRIPTION
    "Consent kiosk head office server\nconsent-hq receives, verifies, opens, deduplicates and stores the kiosks'\nconsent records, on SQLite or PostgreSQL.")
set(CPACK_DEBIAN_HQ_PACKAGE_DEPENDS "passwd")
set(CPACK_DEBIAN_HQ_PACKAGE_SUGGESTS "postgresql")
set(CPACK_DEBIAN_HQ_PACKAGE_CONTROL_EXTRA ${_package}/consent-hq/postinst ${_package}/consent-hq/postrm)

include(CPack)
