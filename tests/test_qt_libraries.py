"""`make run` names the one command that installs Qt's missing window libraries."""

from __future__ import annotations

from victimcare import qt_libraries


def test_missing_libraries_are_named_with_the_install_command(monkeypatch, capsys):
    monkeypatch.setattr(qt_libraries.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(qt_libraries.ctypes.util, "find_library",
                        lambda name: None if name in ("xcb-cursor", "xkbcommon-x11") else name)
    assert qt_libraries.main() == 1
    err = capsys.readouterr().err
    assert "sudo apt-get install -y libxkbcommon-x11-0 libxcb-cursor0" in err


def test_nothing_to_say_when_all_are_present_or_not_using_xcb(monkeypatch):
    monkeypatch.setattr(qt_libraries.sys, "platform", "linux")
    monkeypatch.setattr(qt_libraries.ctypes.util, "find_library", lambda name: name)
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    assert qt_libraries.main() == 0
    monkeypatch.setattr(qt_libraries.ctypes.util, "find_library", lambda name: None)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert qt_libraries.missing_packages() == []
