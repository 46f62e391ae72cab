from wuye_desk.cli import main


def test_version_prints(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "wuye-desk 0.1.0" in capsys.readouterr().out
